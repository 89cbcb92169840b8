// Test helper: a webhook verifier must answer anything with a result, never a throw, and never
// find events in a request it could not authenticate.
import { expect } from '@jest/globals';
import fc from 'fast-check';
import type { WebhookRequest, WebhookVerifier } from '../webhooks/webhook-result.js';

const jsonish = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom('', '{', '[]', 'null', '{"Type":"Notification"}', '{"signature":{}}', '[{"event":"bounce"}]', '{"RecordType":"Bounce"}', '\u0000', '{"__proto__":{"x":1}}'),
);

/** Random bodies and headers (plus `headers`, which may carry valid credentials): always a result. */
export async function expectNeverThrows(verifier: WebhookVerifier, headers: fc.Arbitrary<WebhookRequest['headers']> = fc.constant({})): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(jsonish, fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b))),
      headers,
      fc.dictionary(fc.string({ maxLength: 40 }), fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 })), { maxKeys: 4 }),
      async (body, given, random) => {
        const result = await verifier({ body, headers: { ...random, ...given } });
        expect(['ok', 'subscription-confirmation', 'unauthorized', 'bad-request']).toContain(result.status);
      },
    ),
    { numRuns: 300 },
  );
}
