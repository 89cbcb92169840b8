import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { AppConfig } from '@app/config';
import { ALL_QUEUES } from '@app/queue';
import { AdminAuthenticator, adminBasicAuth } from './admin-auth.js';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/**
 * The dashboard's own requests carry JSON or no body at all; an HTML form can
 * send neither, so a form post from any page (even from a browser that sends
 * no Origin) is refused before bull-board sees it.
 */
function jsonOrNoBody(req: Request, _res: Response, next: NextFunction): void {
  const type = req.headers['content-type'];
  if (type === undefined || req.is('application/json')) return next();
  next(new UnsupportedMediaTypeException('The queue dashboard takes JSON only.'));
}

/**
 * bull-board at /admin/queues, behind ADMIN_TOKEN (a Basic auth prompt in
 * browsers), read-only unless QUEUE_DASHBOARD_WRITE=true. Mounted on Express
 * directly: @bull-board/nestjs is CommonJS and cannot load the ESM-only NestJS
 * 12 under jest. Mount it before the app's body parsers: it takes JSON only,
 * so a cross-site form post never reaches it with a body.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  const readOnlyMode = !config.queueDashboardWrite;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_ROUTE);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Paperboy queues' } },
  });
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  // bull-board parses JSON again itself, but its parse errors would answer with the parser's words;
  // parsed here, they reach the app's exception filter instead.
  app.use(QUEUE_DASHBOARD_ROUTE, adminBasicAuth(app.get(AdminAuthenticator)), jsonOrNoBody, express.json({ limit: '100kb' }), board);
}
