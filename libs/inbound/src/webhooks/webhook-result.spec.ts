import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtureAddresses, fixtureSubscriber } from '../testing/fixtures.js';
import { parseJson, safeEqual, trackingHeaders } from './webhook-result.js';

describe('webhook helpers', () => {
  it('parses JSON keeping big integers exact, and nothing else changed', () => {
    const text = '{"a":"x\\"12345678901234567","b":12345678901234567,"c":1.12345678901234567,"d":-12345678901234567,"e":[4323372036854775807],"f":1e12345678901234567,"g":42}';
    expect(parseJson(text)).toEqual({ ok: true, value: { a: 'x"12345678901234567', b: '12345678901234567', c: 1.12345678901234567, d: '-12345678901234567', e: ['4323372036854775807'], f: Infinity, g: 42 } });
    expect(parseJson('{"a": 1')).toEqual({ ok: false });
  });

  it('property: any JSON without big integers parses exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        if (/\d{16,}/.test(text)) return;
        expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 500 },
    );
  });

  it('compares secrets of any lengths', () => {
    expect(safeEqual('secret', 'secret')).toBe(true);
    expect(safeEqual('secret', 'secret2')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('writes tracking headers each provider hands back, carrying the delivery token', () => {
    const token = fixtureAddresses.deliveryToken({ kind: 'digest', subscriberId: fixtureSubscriber(1), editionDate: '2026-03-02' });
    expect(trackingHeaders('ses', token)).toEqual({ 'X-SES-MESSAGE-TAGS': `paperboy=${token}` });
    expect(trackingHeaders('postmark', token)).toEqual({ 'X-PM-Metadata-paperboy': token });
    expect(JSON.parse(trackingHeaders('mailgun', token)['X-Mailgun-Variables'])).toEqual({ paperboy: token });
    expect(JSON.parse(trackingHeaders('sendgrid', token)['X-SMTPAPI'])).toEqual({ unique_args: { paperboy: token } });
  });
});
