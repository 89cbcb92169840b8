import { describe, expect, it } from '@jest/globals';
import { NotFoundException } from '@nestjs/common';
import { InvalidInputError } from './domain-errors.js';
import { HttpExceptionFilter } from './http-exception.filter.js';

const filter = new HttpExceptionFilter();

describe('HttpExceptionFilter', () => {
  it('maps a domain error to its status and names the field', () => {
    expect(filter.toBody(new InvalidInputError('must be an IANA time zone', 'timezone'))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'timezone must be an IANA time zone',
      fields: { timezone: 'must be an IANA time zone' },
    });
  });

  it('turns malformed JSON into a 400, not a 500', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(filter.toBody(parseError)).toMatchObject({ statusCode: 400, message: 'The request body is not valid JSON.' });
  });

  it('keeps Nest HTTP exceptions as they are', () => {
    expect(filter.toBody(new NotFoundException('No such page'))).toMatchObject({ statusCode: 404, message: 'No such page' });
  });

  it('hides the details of unexpected errors', () => {
    const body = filter.toBody(new Error('password=hunter2 leaked in a stack'));
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' });
  });
});
