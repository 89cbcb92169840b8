import { applyDecorators, createParamDecorator, HttpCode, RequestMapping, RequestMethod, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import type { AppConfig } from '@app/config';

/**
 * One place per route: its method and path, what it takes (path and query
 * parameters, body by media type) as zod schemas, and what it answers. The
 * `@Operation` decorator mounts the route from it, OperationInputInterceptor
 * reads and validates every request with it, and the OpenAPI document at
 * /docs/openapi.json is generated from it: the validation and the document
 * cannot drift apart.
 */

/**
 * The media types a body may come as. A multipart/form-data body is read but
 * not parsed (its fields are not validated): RFC 8058 lets mail providers send
 * the one-click unsubscribe POST that way, and that operation ignores its body.
 */
export const MEDIA_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/csv', 'multipart/form-data'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** A schema, or one that depends on the deployment (which ingest sources exist). */
export type ConfiguredSchema = z.ZodType | ((config: AppConfig) => z.ZodType);

export interface RequestBodySpec {
  /** The media types accepted, each with the schema its parsed body must match; anything else is a 415. */
  content: Partial<Record<MediaType, ConfiguredSchema>>;
  /** The largest body read, in bytes; a larger one is a 413. */
  limitBytes: number;
  description?: string;
  /** Whether the body must be sent (documentation; a missing body is validated as an empty object). */
  required?: boolean;
  /**
   * 'refuse' (the default): an invalid body is a 400 naming each field.
   * 'handler': the handler gets the outcome and answers itself (a form shown again with its errors).
   */
  invalid?: 'refuse' | 'handler';
}

export interface ResponseSpec {
  description: string;
  /** The JSON body (API operations). */
  schema?: z.ZodType;
  /** Defaults: application/json for the API, text/html for pages; null for none (a redirect). */
  contentType?: string | null;
  headers?: z.ZodObject;
}

/** Statuses an operation may answer beyond the success and those every operation of its kind answers. */
export type SpecificStatus = 404 | 409 | 410 | 503;

export interface OperationSpec {
  method: HttpMethod;
  /** The full path, OpenAPI style: /api/preferences/{token}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** A JSON API operation, or a page of the site (HTML answers, errors included). */
  kind: 'api' | 'page';
  /** Needs Authorization: Bearer <ADMIN_TOKEN> (AdminGuard). */
  auth?: 'admin';
  /** Counted by the per-IP rate limits (default true; health probes are not). */
  rateLimited?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: RequestBodySpec;
  success: ResponseSpec & { status: number };
  errors?: Partial<Record<SpecificStatus, string | ResponseSpec>>;
}

/** What every admin operation shares: the admin tag, JSON, and the admin token (AdminGuard). */
export const ADMIN_API = { tag: 'admin', kind: 'api', auth: 'admin' } as const;
/** What every page of the site shares. */
export const SITE_PAGE = { tag: 'pages', kind: 'page' } as const;

export const OPERATION = 'paperboy:operation';
const INPUT = Symbol('paperboy:input');

/** Declares a route by its operation: mounts it (method, path, success status) and keeps the spec for validation and the document. */
export function Operation(spec: OperationSpec): MethodDecorator {
  const path = spec.path.replace(/\{(\w+)\}/g, ':$1');
  const method = { get: RequestMethod.GET, post: RequestMethod.POST, put: RequestMethod.PUT, delete: RequestMethod.DELETE }[spec.method];
  return applyDecorators(SetMetadata(OPERATION, spec), RequestMapping({ path, method }), HttpCode(spec.success.status));
}

/** Keeps an operation's literal types (for OperationInput) while checking it is a spec. */
export function defineOperation<const S extends OperationSpec>(spec: S): S {
  return spec;
}

/** A form's body: its values, or why not, field by field (for the page to show next to each field). */
export type FormOutcome<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

type Resolved<S> = S extends (config: AppConfig) => infer R ? R : S;
type Parsed<S> = Resolved<S> extends z.ZodType ? z.output<Resolved<S>> : never;
type BodyValue<B extends RequestBodySpec> = { [M in keyof B['content']]-?: Parsed<B['content'][M]> }[keyof B['content']];

/** What a handler gets from `@Input()`: the request's parameters and body, validated and transformed by its operation's schemas. */
export interface OperationInput<S extends OperationSpec> {
  params: S['params'] extends z.ZodType ? z.output<S['params']> : Record<string, never>;
  query: S['query'] extends z.ZodType ? z.output<S['query']> : Record<string, never>;
  body: S['body'] extends RequestBodySpec ? (S['body']['invalid'] extends 'handler' ? FormOutcome<BodyValue<S['body']>> : BodyValue<S['body']>) : undefined;
  /** The media type the body came as (undefined without a body). */
  mediaType: MediaType | undefined;
}

export type RequestWithInput = Request & { [INPUT]?: OperationInput<OperationSpec> };

export function storeInput(req: Request, input: OperationInput<OperationSpec>): void {
  (req as RequestWithInput)[INPUT] = input;
}

/** The validated input of the handler's operation (set by OperationInputInterceptor). */
export const Input = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const input = context.switchToHttp().getRequest<RequestWithInput>()[INPUT];
  // A handler reading @Input() always has an operation, so the interceptor always ran.
  if (!input) throw new Error('@Input() used on a route without an @Operation');
  return input;
});
