import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import { ALL_QUEUES } from '@app/queue';
import { AdminAuthenticator, adminBasicAuth } from './admin-auth.js';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/**
 * bull-board at /admin/queues, behind ADMIN_TOKEN (a Basic auth prompt in
 * browsers). Mounted on Express directly: @bull-board/nestjs is CommonJS and
 * cannot load the ESM-only NestJS 12 under jest.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_ROUTE);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Paperboy queues' } },
  });
  app.use(QUEUE_DASHBOARD_ROUTE, adminBasicAuth(app.get(AdminAuthenticator)), serverAdapter.getRouter());
}
