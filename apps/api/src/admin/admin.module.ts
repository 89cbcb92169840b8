import { Module } from '@nestjs/common';
import { AdminSubscribersController } from './admin-subscribers.controller.js';
import { AdminSubscribersService } from './admin-subscribers.service.js';

@Module({ controllers: [AdminSubscribersController], providers: [AdminSubscribersService] })
export class AdminModule {}
