import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { isSameOriginOrNonBrowser } from './same-origin.js';

const PUBLIC_URL = 'https://papers.example.org';
const req = (method: string, headers: Record<string, string>) => ({ method, headers: { host: '10.0.0.5:3000', ...headers } }) as unknown as Request;

describe('isSameOriginOrNonBrowser', () => {
  it('never checks reads', () => {
    expect(isSameOriginOrNonBrowser(req('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), PUBLIC_URL)).toBe(true);
  });

  it.each<[Record<string, string>, string]>([
    [{}, 'a program: no Origin, no Sec-Fetch-Site'],
    [{ 'sec-fetch-site': 'same-origin', origin: 'https://papers.example.org' }, 'the site itself'],
    [{ origin: 'https://papers.example.org' }, 'PUBLIC_URL, from a browser without Sec-Fetch-Site'],
    [{ origin: 'http://10.0.0.5:3000' }, 'the Host it was reached at, directly'],
    [{ 'sec-fetch-site': 'none' }, 'typed by the user'],
  ])('accepts a write from %j (%s)', (headers) => {
    expect(isSameOriginOrNonBrowser(req('POST', headers), PUBLIC_URL)).toBe(true);
  });

  it.each<[Record<string, string>]>([
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    [{ 'sec-fetch-site': 'same-site', origin: 'https://blog.papers.example.org' }],
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    [{ origin: 'https://papers.example.org.evil.example' }],
  ])('refuses a write from %j', (headers) => {
    expect(isSameOriginOrNonBrowser(req('DELETE', headers), PUBLIC_URL)).toBe(false);
  });
});
