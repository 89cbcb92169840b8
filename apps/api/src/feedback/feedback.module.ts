import { Module } from '@nestjs/common';
import { SubscriptionsCoreModule } from '@app/subscribers';
import { FeedbackController } from './feedback.controller.js';
import { FeedbackService } from './feedback.service.js';

@Module({ imports: [SubscriptionsCoreModule], controllers: [FeedbackController], providers: [FeedbackService], exports: [FeedbackService] })
export class FeedbackModule {}
