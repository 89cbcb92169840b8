import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { fieldErrorsOf } from './field-errors.js';

describe('fieldErrorsOf', () => {
  const schema = z.strictObject({ email: z.string(), keywords: z.array(z.string()).optional() });

  it('names each unknown key, including the ones objects inherit', () => {
    const body = JSON.parse('{"email":"a@b.test","__proto__":{"x":1},"constructor":1,"toString":2,"hasOwnProperty":3}');
    const result = schema.safeParse(body);
    expect(result.success).toBe(false);
    const { fields, message } = fieldErrorsOf(result.error!);
    expect(Object.entries(fields)).toEqual([
      ['__proto__', 'is not a known field'],
      ['constructor', 'is not a known field'],
      ['toString', 'is not a known field'],
      ['hasOwnProperty', 'is not a known field'],
    ]);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(message).toBe('__proto__ is not a known field; constructor is not a known field; toString is not a known field; hasOwnProperty is not a known field');
  });

  it('keeps the first reason per field', () => {
    const result = schema.safeParse({ email: 5, keywords: [1, 2] });
    expect(fieldErrorsOf(result.error!).fields).toEqual({ email: expect.any(String), keywords: expect.any(String) });
  });
});
