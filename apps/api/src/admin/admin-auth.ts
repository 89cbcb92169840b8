import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@app/config';
import { FailedAdminAuthLimiter } from '../rate-limit/failed-admin-auth.limiter.js';
import { clientIp } from '../rate-limit/rate-limit.module.js';
import { tooManyRequests } from '../rate-limit/too-many-requests.js';
import { isSameOriginOrNonBrowser } from './same-origin.js';

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

// RFC 7235: scheme, then one or more spaces (tabs tolerated), then the credentials, exactly.
const CREDENTIALS = /^([A-Za-z]+)[ \t]+(\S+)[ \t]*$/;

/**
 * Admin requests carry `Authorization: Bearer <ADMIN_TOKEN>`; browsers (the
 * queue dashboard) may use Basic auth with any user name and the token as password.
 */
export function isAdminAuthorization(header: string | undefined, adminToken: string): boolean {
  const match = header ? CREDENTIALS.exec(header) : null;
  if (!match) return false;
  const [, scheme, value] = match;
  if (/^bearer$/i.test(scheme)) return sameSecret(value, adminToken);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return decoded.includes(':') && sameSecret(password, adminToken);
  }
  return false;
}

/**
 * Every admin request (API and queue dashboard) goes through here: cross-site
 * writes are refused (cached Basic credentials would otherwise ride along on
 * another site's form), then the token is checked, counting failures per
 * client IP (FailedAdminAuthLimiter).
 */
@Injectable()
export class AdminAuthenticator {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(FailedAdminAuthLimiter) private readonly failures: FailedAdminAuthLimiter,
  ) {}

  /** Resolves when the request carries the admin token; rejects with a 403, 429 or 401 otherwise. */
  async authenticate(req: Request, res: Response, unauthorized: string): Promise<void> {
    if (!isSameOriginOrNonBrowser(req, this.config.publicUrl)) throw new ForbiddenException('Admin changes are accepted from this site\'s own pages or from non-browser clients only.');
    const ip = clientIp(req);
    // A blocked client is refused before its credentials are even looked at.
    const verdict = await this.failures.check(ip);
    if (!verdict.allowed) throw tooManyRequests(res, verdict.retryAfterSeconds);
    const credentials = req.headers.authorization;
    if (isAdminAuthorization(credentials, this.config.adminToken)) return;
    // Only a wrong guess counts: a browser's first visit to the dashboard comes without credentials.
    if (credentials) await this.failures.recordFailure(ip);
    throw new UnauthorizedException(unauthorized);
  }
}

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(AdminAuthenticator) private readonly authenticator: AdminAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    await this.authenticator.authenticate(http.getRequest<Request>(), http.getResponse<Response>(), 'This endpoint needs Authorization: Bearer <ADMIN_TOKEN>.');
    return true;
  }
}

/** Express middleware for the queue dashboard: prompts the browser for Basic credentials. */
export function adminBasicAuth(authenticator: AdminAuthenticator) {
  return (req: Request, res: Response, next: NextFunction) => {
    authenticator.authenticate(req, res, 'Log in with any user name and ADMIN_TOKEN as the password.').then(
      () => next(),
      (error: unknown) => {
        if (error instanceof UnauthorizedException) res.setHeader('WWW-Authenticate', 'Basic realm="Paperboy admin", charset="UTF-8"');
        next(error);
      },
    );
  };
}
