import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, UseGuards, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import type { AppConfig } from '@app/config';
import { AdminAuthenticator, AdminGuard } from '../admin/admin-auth.js';
import { buildOpenApiDocument, operationsOf } from './openapi-document.js';
import { defineOperation, Operation } from './operation.js';

const TOPICS = defineOperation({
  method: 'get',
  path: '/things/{id}',
  operationId: 'thing',
  summary: 'A thing',
  tag: 'things',
  kind: 'api',
  params: z.object({ id: z.string() }),
  success: { status: 200, description: 'The thing', schema: z.object({ id: z.string() }) },
});

async function appWith(controller: Type) {
  // AdminGuard's own dependency; never called, since no request is made.
  @Module({ controllers: [controller], providers: [{ provide: AdminAuthenticator, useValue: {} }] })
  class TestModule {}
  return NestFactory.create(TestModule, { logger: false, abortOnError: false });
}

describe('operationsOf: the routes must match their operations, or the app does not start', () => {
  it('takes routes declared by their operation', async () => {
    @Controller()
    class Things {
      @Operation(TOPICS)
      thing() {}
    }
    const app = await appWith(Things);
    expect(operationsOf(app).map((o) => o.operationId)).toEqual(['thing']);
    const doc = buildOpenApiDocument(app, {} as AppConfig);
    expect(Object.keys(doc.paths!['/things/{id}']!.get!.responses!)).toEqual(['200', '400', '429']);
    await app.close();
  });

  it('refuses a route that declares no operation', async () => {
    @Controller()
    class Things {
      @Get('secret')
      secret() {}
    }
    const app = await appWith(Things);
    expect(() => operationsOf(app)).toThrow('Things.secret has no @Operation');
    await app.close();
  });

  it('refuses a route mounted under a controller prefix (its documented path would be wrong)', async () => {
    @Controller('v2')
    class Things {
      @Operation(TOPICS)
      thing() {}
    }
    const app = await appWith(Things);
    expect(() => operationsOf(app)).toThrow('is mounted at /v2/things/:id');
    await app.close();
  });

  it('refuses admin auth claimed without AdminGuard, and AdminGuard without the claim', async () => {
    @Controller()
    class Claimed {
      @Operation({ ...TOPICS, auth: 'admin' })
      thing() {}
    }
    @UseGuards(AdminGuard)
    @Controller()
    class Guarded {
      @Operation(TOPICS)
      thing() {}
    }
    for (const [controller, message] of [
      [Claimed, "auth 'admin' but not guarded"],
      [Guarded, "auth 'none' but guarded"],
    ] as const) {
      const app = await appWith(controller);
      expect(() => operationsOf(app)).toThrow(message);
      await app.close();
    }
  });
});
