import { describe, expect, it } from '@jest/globals';
import { isAdminAuthorization } from './admin-auth.js';

const token = 'admin-token-0123456789';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('admin authorization', () => {
  it('accepts the bearer token and Basic auth with the token as password', () => {
    expect(isAdminAuthorization(`Bearer ${token}`, token)).toBe(true);
    expect(isAdminAuthorization(basic('admin', token), token)).toBe(true);
  });

  it.each([undefined, '', 'Bearer', `Bearer ${token}x`, `Bearer ${token.slice(1)}`, basic(token, 'nope'), `Token ${token}`])(
    'refuses %j',
    (header) => {
      expect(isAdminAuthorization(header, token)).toBe(false);
    },
  );
});
