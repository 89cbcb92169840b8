import { describe, expect, it } from '@jest/globals';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
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

  it("answers with its own words when Nest wraps a parser error in an HttpException", () => {
    // What Nest's Express adapter makes of body-parser's errors: their message, their status, the error as cause.
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), { status: 400, type: 'entity.parse.failed' });
    expect(filter.toBody(new BadRequestException(parseError.message, { cause: parseError }))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON.',
    });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, type: 'entity.too.large' });
    expect(filter.toBody(new HttpException(tooLarge.message, 413, { cause: tooLarge }))).toMatchObject({ statusCode: 413, message: 'The request body is too large.' });
    const badEscape = new URIError("Failed to decode param '%E0%A4%A'");
    expect(filter.toBody(new BadRequestException(badEscape.message, { cause: badEscape }))).toMatchObject({ statusCode: 400, message: 'The URL is not valid.' });
  });

  it('keeps Nest HTTP exceptions as they are', () => {
    expect(filter.toBody(new NotFoundException('No such page'))).toMatchObject({ statusCode: 404, message: 'No such page' });
  });

  it('hides the details of unexpected errors', () => {
    const body = filter.toBody(new Error('password=hunter2 leaked in a stack'));
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' });
  });
});
