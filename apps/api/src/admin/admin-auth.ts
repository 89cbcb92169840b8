import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@app/config';

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Admin requests carry `Authorization: Bearer <ADMIN_TOKEN>`; browsers (the
 * queue dashboard) may use Basic auth with any user name and the token as password.
 */
export function isAdminAuthorization(header: string | undefined, adminToken: string): boolean {
  if (!header) return false;
  const [scheme, value = ''] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme)) return sameSecret(value.trim(), adminToken);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return decoded.includes(':') && sameSecret(password, adminToken);
  }
  return false;
}

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (isAdminAuthorization(request.headers.authorization, this.config.adminToken)) return true;
    throw new UnauthorizedException('This endpoint needs Authorization: Bearer <ADMIN_TOKEN>.');
  }
}

/** Express middleware for the queue dashboard: prompts the browser for Basic credentials. */
export function adminBasicAuth(adminToken: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isAdminAuthorization(req.headers.authorization, adminToken)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="Paperboy admin", charset="UTF-8"');
    res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: 'Log in with any user name and ADMIN_TOKEN as the password.' });
  };
}
