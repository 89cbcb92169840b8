import type { INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { createDocument, type ZodOpenApiObject, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import type { AppConfig } from '@app/config';
import { AdminGuard } from '../admin/admin-auth.js';
import { resolveSchema } from './operation-input.interceptor.js';
import { OPERATION, type OperationSpec, type ResponseSpec } from './operation.js';
import { errorBodySchema, errorResponses } from './standard-responses.js';

export type OpenApiDocument = ReturnType<typeof createDocument>;

const TAGS = [
  { name: 'subscriptions', description: 'Subscribe, and manage a subscription with the token from its links' },
  { name: 'papers', description: 'Papers as ingested, trending first' },
  { name: 'admin', description: 'Operators: needs `Authorization: Bearer <ADMIN_TOKEN>`' },
  { name: 'health', description: 'Probes (not rate limited)' },
  { name: 'pages', description: 'The HTML pages of the site and the forms they post (`text/html` answers, errors included; forms may also be posted as JSON)' },
];

const DESCRIPTION = [
  'Emails each subscriber a daily digest of the trending research papers that match their interests.',
  '',
  'Every input is validated by the schemas below, which are the ones the server checks with; an invalid one gets `400` with `fields: {name: reason}`.',
  'Rules every operation shares: no NUL byte anywhere (path, query or body); a body only in a media type the operation lists (`415`) and within its size (`413`);',
  'rate limits per client IP answer `429` with `Retry-After`.',
].join('\n');

/** A route as mounted, with the operation it declares. */
interface MountedRoute {
  controller: Type;
  handler: string;
  spec: OperationSpec | undefined;
  method: number;
  path: string;
}

function mountedRoutes(app: INestApplication): MountedRoute[] {
  const routes: MountedRoute[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
      for (const handler of Object.getOwnPropertyNames(controller.prototype)) {
        const method = (controller.prototype as Record<string, unknown>)[handler];
        if (handler === 'constructor' || typeof method !== 'function') continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, method) as number | undefined;
        if (verb === undefined) continue;
        const path = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, method))].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        routes.push({ controller, handler, spec: Reflect.getMetadata(OPERATION, method) as OperationSpec | undefined, method: verb, path });
      }
    }
  }
  return routes;
}

const guardsOf = (target: object): unknown[] => (Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined) ?? [];

/**
 * Every route the app mounts, each with its operation. Refuses to go on (at
 * boot) when a route declares none, was mounted under a controller prefix (its
 * documented path would be wrong), or claims admin auth without AdminGuard
 * (or the reverse): the document must say what the server does.
 */
export function operationsOf(app: INestApplication): OperationSpec[] {
  const problems: string[] = [];
  const specs: OperationSpec[] = [];
  for (const route of mountedRoutes(app)) {
    const where = `${route.controller.name}.${route.handler}`;
    if (!route.spec) {
      problems.push(`${where} has no @Operation`);
      continue;
    }
    const expected = route.spec.path.replace(/\{(\w+)\}/g, ':$1');
    if (route.path !== expected) problems.push(`${where} is mounted at ${route.path}, not ${expected} (use @Controller() without a prefix)`);
    const handler = (route.controller.prototype as Record<string, object>)[route.handler];
    const guarded = [...guardsOf(route.controller), ...guardsOf(handler)].includes(AdminGuard);
    if (guarded !== (route.spec.auth === 'admin')) problems.push(`${where}: auth '${route.spec.auth ?? 'none'}' but ${guarded ? 'guarded' : 'not guarded'} by AdminGuard`);
    specs.push(route.spec);
  }
  const keys = specs.map((s) => `${s.method} ${s.path}`);
  for (const key of keys.filter((k, i) => keys.indexOf(k) !== i)) problems.push(`${key} is declared twice`);
  if (problems.length) throw new Error(`The routes do not match their operations:\n${problems.join('\n')}`);
  return specs;
}

function response(spec: OperationSpec, answer: ResponseSpec, error: boolean): ZodOpenApiResponseObject {
  if (answer.contentType === null) return { description: answer.description, ...(answer.headers ? { headers: answer.headers } : {}) };
  const contentType = answer.contentType ?? (spec.kind === 'api' ? 'application/json' : 'text/html');
  const json = contentType === 'application/json';
  const schema = answer.schema ?? (json && error ? errorBodySchema : json ? {} : { type: 'string' as const });
  return { description: answer.description, ...(answer.headers ? { headers: answer.headers } : {}), content: { [contentType]: { schema } } };
}

function operationObject(spec: OperationSpec, config: AppConfig): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = { [spec.success.status]: response(spec, spec.success, false) };
  for (const [status, answer] of Object.entries(errorResponses(spec))) responses[status] = response(spec, answer, true);
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(spec.auth === 'admin' ? { security: [{ admin: [] }] } : {}),
    ...(spec.params || spec.query ? { requestParams: { ...(spec.params ? { path: spec.params } : {}), ...(spec.query ? { query: spec.query } : {}) } } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.required ?? false,
            ...(spec.body.description ? { description: spec.body.description } : {}),
            content: Object.fromEntries(Object.entries(spec.body.content).map(([media, schema]) => [media, { schema: resolveSchema(schema, config) }])),
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every operation the app mounts, generated from the schemas that validate them. */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenApiDocument {
  const paths: NonNullable<ZodOpenApiObject['paths']> = {};
  for (const spec of operationsOf(app)) {
    paths[spec.path] = { ...paths[spec.path], [spec.method]: operationObject(spec, config) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Paperboy API', version: '0.1.0', description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    // Relative: the API is where the document is, whatever host name reached it.
    servers: [{ url: '/' }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, for /api/admin endpoints (an opaque secret, not a JWT)' } },
    },
  });
}
