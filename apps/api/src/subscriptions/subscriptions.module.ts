import { Module } from '@nestjs/common';
import { RecommendationService } from '@app/recommendations';
import { AssetsController } from '../pages/assets.controller.js';
import { SubscriptionApiController } from './subscription-api.controller.js';
import { SubscriptionPagesController } from './subscription-pages.controller.js';
import { SubscriptionService } from './subscription.service.js';
import { TopicCatalogService } from './topic-catalog.service.js';

@Module({
  controllers: [SubscriptionApiController, SubscriptionPagesController, AssetsController],
  providers: [SubscriptionService, TopicCatalogService, RecommendationService],
  exports: [SubscriptionService, TopicCatalogService],
})
export class SubscriptionsModule {}
