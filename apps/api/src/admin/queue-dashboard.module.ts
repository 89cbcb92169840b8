import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ALL_QUEUES } from '@app/queue';
import { adminBasicAuth } from './admin-auth.js';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/** bull-board at /admin/queues, behind ADMIN_TOKEN (Basic auth prompt in browsers). */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: adminBasicAuth(config.adminToken),
        boardOptions: { uiConfig: { boardTitle: 'Paperboy queues' } },
      }),
    }),
    ...ALL_QUEUES.map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
  ],
})
export class QueueDashboardModule {}
