import { Module } from '@nestjs/common';
import { SubscriptionsCoreModule } from '@app/subscribers';
import { DigestViewController } from './digest-view.controller.js';

@Module({ imports: [SubscriptionsCoreModule], controllers: [DigestViewController] })
export class DigestsModule {}
