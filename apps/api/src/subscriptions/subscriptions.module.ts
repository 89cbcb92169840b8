import { Module } from '@nestjs/common';
import { RecommendationService } from '@app/recommendations';
import { LinksModule } from '../links/links.module.js';
import { AssetsController } from '../pages/assets.controller.js';
import { AfterResponse } from './after-response.js';
import { SubscriptionApiController } from './subscription-api.controller.js';
import { SubscriptionPagesController } from './subscription-pages.controller.js';
import { SubscriptionService } from './subscription.service.js';
import { TopicCatalogService } from './topic-catalog.service.js';

@Module({
  imports: [LinksModule],
  controllers: [SubscriptionApiController, SubscriptionPagesController, AssetsController],
  providers: [SubscriptionService, TopicCatalogService, RecommendationService, AfterResponse],
  exports: [SubscriptionService, TopicCatalogService],
})
export class SubscriptionsModule {}
