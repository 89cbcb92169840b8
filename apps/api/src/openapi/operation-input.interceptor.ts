import { Inject, Injectable, UnsupportedMediaTypeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Observable } from 'rxjs';
import type { z } from 'zod';
import { AppConfig } from '@app/config';
import { fieldErrorsOf, InvalidInputError, refuseNulBytes } from '@app/platform';
import { MEDIA_TYPES, OPERATION, storeInput, type ConfiguredSchema, type MediaType, type OperationInput, type OperationSpec } from './operation.js';

/** The body parser for a media type, reading at most `limit` bytes (the type was matched already). */
function parserFor(media: MediaType, limit: number): RequestHandler {
  const any = () => true;
  switch (media) {
    case 'application/json':
      return express.json({ limit, type: any });
    case 'application/x-www-form-urlencoded':
      return express.urlencoded({ limit, type: any, extended: false });
    case 'text/csv':
      return express.text({ limit, type: any, defaultCharset: 'utf-8' });
    case 'multipart/form-data':
      // Read (within the limit) but not parsed: no operation needs a multipart body's fields (see MediaType).
      return (req, res, next) =>
        express.raw({ limit, type: any })(req, res, (error?: unknown) => {
          req.body = {};
          next(error);
        });
  }
}

function run(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => parser(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
}

export const resolveSchema = (schema: ConfiguredSchema, config: AppConfig): z.ZodType => (typeof schema === 'function' ? schema(config) : schema);

/**
 * Reads and validates every request by its route's operation (see
 * operation.ts), after the guards (a request that is refused for its rate or
 * credentials never has its body read): the body only in a media type the
 * operation takes (else 415) and up to its limit (else 413), no NUL byte
 * anywhere (Postgres refuses them in text), then path, query and body against
 * their schemas (400 naming each field).
 */
@Injectable()
export class OperationInputInterceptor implements NestInterceptor {
  private readonly resolved = new WeakMap<OperationSpec, Partial<Record<MediaType, z.ZodType>>>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const spec = this.reflector.get<OperationSpec | undefined>(OPERATION, context.getHandler());
    // Every route declares an operation (checked when the document is built at boot).
    if (!spec) return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const mediaType = await this.readBody(spec, req, res);
    refuseNulBytes(req);
    storeInput(req, this.validate(spec, req, mediaType));
    return next.handle();
  }

  private bodySchemas(spec: OperationSpec): Partial<Record<MediaType, z.ZodType>> {
    let schemas = this.resolved.get(spec);
    if (!schemas) {
      schemas = {};
      for (const media of MEDIA_TYPES) {
        const schema = spec.body?.content[media];
        if (schema) schemas[media] = resolveSchema(schema, this.config);
      }
      this.resolved.set(spec, schemas);
    }
    return schemas;
  }

  /** Parses the body when the operation takes one; the media type it came as. */
  private async readBody(spec: OperationSpec, req: Request, res: Response): Promise<MediaType | undefined> {
    req.body = undefined;
    // A body sent to an operation that takes none is left unread.
    if (!spec.body || !hasBody(req)) return undefined;
    const accepted = Object.keys(spec.body.content) as MediaType[];
    const media = req.is(accepted);
    if (!media) throw new UnsupportedMediaTypeException(`The body must be ${accepted.join(' or ')}.`);
    const type = accepted.find((m) => m === media)!;
    await run(parserFor(type, spec.body.limitBytes), req, res);
    return type;
  }

  private validate(spec: OperationSpec, req: Request, mediaType: MediaType | undefined): OperationInput<OperationSpec> {
    // A Map, not an object: a body's "__proto__" key is a field name like any other (Object.assign would set a prototype).
    const fields = new Map<string, string>();
    const refused = (error: z.ZodError) => {
      for (const [field, reason] of Object.entries(fieldErrorsOf(error).fields)) if (!fields.has(field)) fields.set(field, reason);
    };
    const check = (schema: z.ZodType | undefined, value: unknown): unknown => {
      if (!schema) return {};
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      refused(result.error);
      return undefined;
    };
    const params = check(spec.params, { ...req.params });
    const query = check(spec.query, { ...(req.query as object) });
    let body: unknown;
    if (spec.body) {
      const schemas = this.bodySchemas(spec);
      const schema = schemas[mediaType ?? (Object.keys(schemas)[0] as MediaType)]!;
      // No body is an empty one: the schema names what is missing.
      const result = schema.safeParse(req.body ?? {});
      if (spec.body.invalid === 'handler') body = result.success ? { ok: true, value: result.data } : { ok: false, fields: fieldErrorsOf(result.error).fields };
      else if (result.success) body = result.data;
      else refused(result.error);
    }
    if (fields.size) {
      const message = [...fields].map(([field, reason]) => `${field} ${reason}`).join('; ');
      // fromEntries defines own properties, so "__proto__" stays a key.
      throw new InvalidInputError(message, undefined, Object.fromEntries(fields));
    }
    return { params, query, body, mediaType } as OperationInput<OperationSpec>;
  }
}

/** Whether the request carries a body (a length, even 0, or chunks), as the body parsers decide it. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
