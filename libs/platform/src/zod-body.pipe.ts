import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { fieldErrorsOf } from './field-errors.js';
import { InvalidInputError } from './domain-errors.js';

/** Validates a request body against a zod schema; 400 naming each bad field. */
@Injectable()
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const { message, fields } = fieldErrorsOf(result.error);
    throw new InvalidInputError(message, undefined, fields);
  }
}
