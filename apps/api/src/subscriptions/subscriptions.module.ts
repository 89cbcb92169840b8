import { Module } from '@nestjs/common';
import { SubscriptionsCoreModule } from '@app/subscribers';
import { RecommendationService } from '@app/recommendations';
import { AssetsController } from '../pages/assets.controller.js';
import { SubscriptionApiController } from './subscription-api.controller.js';
import { DigestPreviewService } from './digest-preview.service.js';
import { SubscriptionPagesController } from './subscription-pages.controller.js';
import { TopicCatalogService } from './topic-catalog.service.js';

@Module({
  imports: [SubscriptionsCoreModule],
  controllers: [SubscriptionApiController, SubscriptionPagesController, AssetsController],
  providers: [TopicCatalogService, DigestPreviewService, RecommendationService],
  exports: [TopicCatalogService],
})
export class SubscriptionsModule {}
