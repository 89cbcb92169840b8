import { Module } from '@nestjs/common';
import { AfterResponse } from './after-response.js';
import { LinkVerifier } from './link-verifier.js';
import { SubscriptionService } from './subscription.service.js';

/** What a subscriber does (subscribe, confirm, preferences, unsubscribe, sign links out), and checking their links. */
@Module({ providers: [SubscriptionService, LinkVerifier, AfterResponse], exports: [SubscriptionService, LinkVerifier, AfterResponse] })
export class SubscriptionsCoreModule {}
