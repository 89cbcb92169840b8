import { Controller, Inject } from '@nestjs/common';
import { z } from 'zod';
import { preferencesSchema, subscribeSchema } from '@app/subscribers';
import { defineOperation, Input, Operation, type OperationInput } from '../openapi/operation.js';
import { exportSchema, JSON_BODY_LIMIT, manageTokenParams, preferencesViewSchema, previewSchema, topicSummarySchema } from '../openapi/api-schemas.js';
import { SubscriptionService } from '@app/subscribers';
import { DigestPreviewService } from './digest-preview.service.js';
import { TopicCatalogService } from './topic-catalog.service.js';

export const SUBSCRIBE_ACCEPTED = {
  status: 'accepted',
  message: 'If this address can receive Paperboy, a confirmation email is on its way.',
} as const;

const UNKNOWN_TOKEN = 'The token is not valid (changed, signed out, or its subscriber erased).';
const MAIL_DOWN = 'Paperboy cannot queue emails right now (Redis unreachable): nothing was recorded; try again in a few minutes.';

const SUBSCRIBE = defineOperation({
  method: 'post',
  path: '/api/subscribe',
  operationId: 'subscribe',
  summary: 'Subscribe (double opt-in)',
  description: 'Always answers 202 with the same body, whatever the state of the address; a confirmation email follows when appropriate (at most one per address per hour).',
  tag: 'subscriptions',
  kind: 'api',
  body: { content: { 'application/json': subscribeSchema }, limitBytes: JSON_BODY_LIMIT, required: true },
  success: { status: 202, description: 'Accepted', schema: z.object({ status: z.literal(SUBSCRIBE_ACCEPTED.status), message: z.string() }) },
  errors: { 503: MAIL_DOWN },
});

const TOPICS = defineOperation({
  method: 'get',
  path: '/api/topics',
  operationId: 'listTopics',
  summary: 'The topic catalog',
  tag: 'subscriptions',
  kind: 'api',
  success: { status: 200, description: 'Every topic, by name', schema: z.array(topicSummarySchema) },
});

const READ_PREFERENCES = defineOperation({
  method: 'get',
  path: '/api/preferences/{token}',
  operationId: 'getPreferences',
  summary: 'Read preferences',
  tag: 'subscriptions',
  kind: 'api',
  params: manageTokenParams,
  success: { status: 200, description: 'The preferences', schema: preferencesViewSchema },
  errors: { 404: UNKNOWN_TOKEN },
});

const UPDATE_PREFERENCES = defineOperation({
  method: 'put',
  path: '/api/preferences/{token}',
  operationId: 'updatePreferences',
  summary: 'Change preferences; omitted fields stay as they are',
  tag: 'subscriptions',
  kind: 'api',
  params: manageTokenParams,
  body: { content: { 'application/json': preferencesSchema }, limitBytes: JSON_BODY_LIMIT, required: true },
  success: { status: 200, description: 'The preferences now', schema: preferencesViewSchema },
  errors: { 404: UNKNOWN_TOKEN },
});

const PREVIEW = defineOperation({
  method: 'get',
  path: '/api/preferences/{token}/preview',
  operationId: 'previewDigest',
  summary: 'The ranked papers the subscriber would get now',
  description: 'Papers featured since their last edition (or the last 3 days for a first one), with scores and the reason each matched.',
  tag: 'subscriptions',
  kind: 'api',
  params: manageTokenParams,
  success: { status: 200, description: 'The papers, best first', schema: previewSchema },
  errors: { 404: UNKNOWN_TOKEN },
});

const EXPORT = defineOperation({
  method: 'get',
  path: '/api/preferences/{token}/export',
  operationId: 'exportSubscriber',
  summary: 'Export everything kept about the subscriber',
  tag: 'subscriptions',
  kind: 'api',
  params: manageTokenParams,
  success: { status: 200, description: 'Everything kept', schema: exportSchema },
  errors: { 404: UNKNOWN_TOKEN },
});

const ERASE = defineOperation({
  method: 'delete',
  path: '/api/preferences/{token}',
  operationId: 'eraseSubscriber',
  summary: 'Erase the subscriber and all their data',
  tag: 'subscriptions',
  kind: 'api',
  params: manageTokenParams,
  success: { status: 200, description: 'Erased; every link sent to them stops working', schema: z.object({ status: z.literal('erased') }) },
  errors: { 404: UNKNOWN_TOKEN },
});

@Controller()
export class SubscriptionApiController {
  constructor(
    @Inject(SubscriptionService) private readonly subscriptions: SubscriptionService,
    @Inject(TopicCatalogService) private readonly catalog: TopicCatalogService,
    @Inject(DigestPreviewService) private readonly previews: DigestPreviewService,
  ) {}

  @Operation(SUBSCRIBE)
  async subscribe(@Input() { body }: OperationInput<typeof SUBSCRIBE>) {
    await this.subscriptions.subscribe(body);
    return SUBSCRIBE_ACCEPTED;
  }

  @Operation(TOPICS)
  topics() {
    return this.catalog.list();
  }

  @Operation(READ_PREFERENCES)
  preferences(@Input() { params }: OperationInput<typeof READ_PREFERENCES>) {
    return this.subscriptions.preferences(params.token);
  }

  @Operation(UPDATE_PREFERENCES)
  updatePreferences(@Input() { params, body }: OperationInput<typeof UPDATE_PREFERENCES>) {
    return this.subscriptions.updatePreferences(params.token, body);
  }

  @Operation(PREVIEW)
  preview(@Input() { params }: OperationInput<typeof PREVIEW>) {
    return this.previews.preview(params.token);
  }

  @Operation(EXPORT)
  export(@Input() { params }: OperationInput<typeof EXPORT>) {
    return this.subscriptions.export(params.token);
  }

  @Operation(ERASE)
  async erase(@Input() { params }: OperationInput<typeof ERASE>) {
    await this.subscriptions.erase(params.token);
    return { status: 'erased' };
  }
}
