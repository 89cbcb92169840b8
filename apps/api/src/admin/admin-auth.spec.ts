import { describe, expect, it } from '@jest/globals';
import { isAdminAuthorization } from './admin-auth.js';

const token = 'admin-token-0123456789';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('admin authorization', () => {
  it('accepts the bearer token and Basic auth with the token as password', () => {
    expect(isAdminAuthorization(`Bearer ${token}`, token)).toBe(true);
    expect(isAdminAuthorization(basic('admin', token), token)).toBe(true);
  });

  it.each([`Bearer  ${token}`, `Bearer\t${token}`, `BEARER \t  ${token}`, `Bearer ${token} `, `Basic  ${basic('admin', token).slice(6)}`])(
    'accepts any run of spaces or tabs after the scheme: %j',
    (header) => {
      expect(isAdminAuthorization(header, token)).toBe(true);
    },
  );

  it.each([undefined, '', 'Bearer', `Bearer ${token}x`, `Bearer ${token.slice(1)}`, basic(token, 'nope'), `Token ${token}`, `Bearer${token}`, `Bearer ${token} ${token}`, ` Bearer ${token}x`])(
    'refuses %j',
    (header) => {
      expect(isAdminAuthorization(header, token)).toBe(false);
    },
  );
});
