import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodBodyPipe } from '@app/platform';
import { preferencesSchema, subscribeSchema, type PreferencesInput, type SubscribeInput } from '@app/subscribers';
import { SubscriptionService } from './subscription.service.js';
import { TopicCatalogService } from './topic-catalog.service.js';

export const SUBSCRIBE_ACCEPTED = {
  status: 'accepted',
  message: 'If this address can receive Paperboy, a confirmation email is on its way.',
} as const;

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

@ApiTags('subscriptions')
@Controller('api')
export class SubscriptionApiController {
  constructor(
    @Inject(SubscriptionService) private readonly subscriptions: SubscriptionService,
    @Inject(TopicCatalogService) private readonly catalog: TopicCatalogService,
  ) {}

  @Post('subscribe')
  @HttpCode(202)
  @ApiOperation({ summary: 'Subscribe (double opt-in)', description: 'Always answers 202 with the same body, whatever the state of the address.' })
  @ApiBody({ schema: jsonSchema(subscribeSchema) })
  @ApiResponse({ status: 202, description: 'Accepted; a confirmation email follows when appropriate.' })
  @ApiResponse({ status: 400, description: 'A field is invalid; `fields` names each one.' })
  @ApiResponse({ status: 429, description: 'Too many requests; see Retry-After.' })
  async subscribe(@Body(new ZodBodyPipe(subscribeSchema)) input: SubscribeInput) {
    await this.subscriptions.subscribe(input);
    return SUBSCRIBE_ACCEPTED;
  }

  @Get('topics')
  @ApiOperation({ summary: 'The topic catalog' })
  topics() {
    return this.catalog.list();
  }

  @Get('preferences/:token')
  @ApiOperation({ summary: 'Read preferences (manage token from the digest or confirmation page)' })
  @ApiParam({ name: 'token', description: 'Manage token' })
  preferences(@Param('token') token: string) {
    return this.subscriptions.preferences(token);
  }

  @Put('preferences/:token')
  @ApiOperation({ summary: 'Change preferences; omitted fields stay as they are' })
  @ApiBody({ schema: jsonSchema(preferencesSchema) })
  updatePreferences(@Param('token') token: string, @Body(new ZodBodyPipe(preferencesSchema)) input: PreferencesInput) {
    return this.subscriptions.updatePreferences(token, input);
  }

  @Get('preferences/:token/preview')
  @ApiOperation({
    summary: 'The ranked papers the subscriber would get now',
    description: 'Papers featured since their last edition (or the last 3 days for a first one), with scores and the reason each matched.',
  })
  preview(@Param('token') token: string) {
    return this.subscriptions.preview(token);
  }

  @Get('preferences/:token/export')
  @ApiOperation({ summary: 'Export everything kept about the subscriber' })
  export(@Param('token') token: string) {
    return this.subscriptions.export(token);
  }

  @Delete('preferences/:token')
  @ApiOperation({ summary: 'Erase the subscriber and all their data' })
  async erase(@Param('token') token: string) {
    await this.subscriptions.erase(token);
    return { status: 'erased' };
  }
}
