import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { DomainError } from './domain-errors.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Per-field messages, for forms to show next to the field. */
  fields?: Record<string, string>;
}

/** Body-parser errors carry a status and a type; they are the client's fault, never a 500. */
interface BodyParserError {
  status: number;
  type: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' && typeof (error as BodyParserError).status === 'number';
}

// Our words, never the parser's: its messages quote the body and name internals.
const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'entity.verify.failed': 'The request body could not be read.',
  'request.aborted': 'The request body was cut short.',
  'request.size.invalid': 'The request body is not the size its Content-Length says.',
  'stream.encoding.set': 'The request body could not be read.',
  'parameters.too.many': 'The form has too many fields.',
  'charset.unsupported': 'The request body uses an unsupported character set.',
  'encoding.unsupported': 'The request body uses an unsupported encoding.',
};

function bodyParserErrorBody(error: BodyParserError): ErrorBody {
  const status = error.status >= 400 && error.status < 500 ? error.status : 400;
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Bad Request', message: BODY_PARSER_MESSAGES[error.type] ?? 'The request body could not be read.' };
}

/** The one place that turns errors into HTTP responses. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    this.send(http.getRequest<Request>(), response, body);
  }

  /** Writes the error as JSON; a subclass may answer some requests otherwise (HTML pages). */
  protected send(_request: Request, response: Response, body: ErrorBody): void {
    // Typed here: a route's own Content-Type (an asset's text/css) may already be set, and json() would keep it.
    response.status(body.statusCode).type('application/json').json(body);
  }

  toBody(exception: unknown): ErrorBody {
    // Nest wraps errors from Express middleware (body parsers, a bad %-escape in the path) in an
    // HttpException carrying their own message; answer with ours.
    const cause = exception instanceof HttpException ? exception.cause : undefined;
    if (isBodyParserError(cause)) return bodyParserErrorBody(cause);
    if (cause instanceof URIError) return { statusCode: 400, error: 'Bad Request', message: 'The URL is not valid.' };
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        error: STATUS_CODES[exception.status] ?? 'Error',
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      // Bodies that are not Nest's {message} shape (e.g. terminus' health report) are the answer itself.
      if (typeof raw === 'object' && raw !== null && !('message' in raw)) return { statusCode: status, ...(raw as object) } as ErrorBody;
      const payload = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      const fields = payload.fields as Record<string, string> | undefined;
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...(fields ? { fields } : {}) };
    }
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) return bodyParserErrorBody(exception);
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' };
  }
}
