import { describe, expect, it } from '@jest/globals';
import { carriesPrivateData } from './security-headers.js';

describe('carriesPrivateData (responses never cached)', () => {
  it.each(['/preferences/t', '/confirm/t', '/unsubscribe/t', '/feedback/t/2501.00001/up', '/digests/t/2026-01-01', '/api/preferences/t/export', '/api/admin/subscribers', '/admin/queues/api/queues', '/API/Preferences/t', '/Confirm/t'])(
    '%s is private',
    (path) => {
      expect(carriesPrivateData(path)).toBe(true);
    },
  );

  it.each(['/', '/papers', '/api/papers', '/api/topics', '/docs', '/assets/site.css', '/api/subscribe', '/preferencesx'])('%s may be cached', (path) => {
    expect(carriesPrivateData(path)).toBe(false);
  });
});
