import { Module } from '@nestjs/common';
import { AdminAuthenticator } from './admin-auth.js';
import { AdminDigestsController } from './admin-digests.controller.js';
import { AdminIngestController } from './admin-ingest.controller.js';
import { AdminSubscribersController } from './admin-subscribers.controller.js';
import { AdminTopicsController } from './admin-topics.controller.js';
import { AdminSubscribersService } from './admin-subscribers.service.js';

@Module({ controllers: [AdminSubscribersController, AdminIngestController, AdminTopicsController, AdminDigestsController], providers: [AdminSubscribersService, AdminAuthenticator], exports: [AdminAuthenticator] })
export class AdminModule {}
