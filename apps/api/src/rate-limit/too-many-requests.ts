import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** The 429 every limiter answers: Retry-After in seconds, and the same words. */
export function tooManyRequests(res: Response, retryAfterSeconds: number): HttpException {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException(`Too many requests. Try again in ${retryAfterSeconds} seconds.`, HttpStatus.TOO_MANY_REQUESTS);
}
