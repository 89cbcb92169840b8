import { describe, expect, it } from '@jest/globals';
import { backgroundSample, deserializeReaderModel, readerPreference, serializeReaderModel, trainReaderModel } from './reader-model.js';
import { unitLength, VectorTable } from './vectors.js';

/** A reproducible cloud of unit vectors around `centre`. */
function cloud(centre: number[], count: number, seed: number, spread = 0.4): Float32Array[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
  return Array.from({ length: count }, () => unitLength(Float32Array.from(centre, (c) => c + spread * random())));
}

const D = 16;
const axis = (i: number) => Array.from({ length: D }, (_, k) => (k === i ? 1 : 0));
const video = cloud(axis(0), 20, 1);
const math = cloud(axis(1), 20, 2);
const other = cloud(axis(2), 60, 3);

describe('trainReaderModel', () => {
  it('raises the unrated papers of the liked family and lowers the disliked family', () => {
    const model = trainReaderModel({ liked: video.slice(0, 3), disliked: math.slice(0, 3), background: other.slice(0, 30) }, 'test')!;
    for (const v of video.slice(3)) expect(readerPreference(model, v)).toBeGreaterThan(0.2);
    for (const v of math.slice(3)) expect(readerPreference(model, v)).toBeLessThan(-0.2);
    expect(model).toMatchObject({ version: 1, embedderId: 'test', liked: 3, disliked: 3 });
  });

  it('balances classes: one like against many background papers still counts', () => {
    const model = trainReaderModel({ liked: video.slice(0, 1), disliked: [], background: [...other, ...math] }, 'test')!;
    const liked = video.slice(1).map((v) => readerPreference(model, v));
    const rest = other.map((v) => readerPreference(model, v));
    expect(Math.min(...liked)).toBeGreaterThan(Math.max(...rest));
    expect(liked.reduce((s, x) => s + x, 0) / liked.length).toBeGreaterThan(0);
  });

  it('learns from likes alone, and has nothing to learn from without a like', () => {
    expect(trainReaderModel({ liked: [], disliked: math, background: other }, 'test')).toBeNull();
    const model = trainReaderModel({ liked: video.slice(0, 2), disliked: [], background: [] }, 'test')!;
    expect(readerPreference(model, video[5])).toBeGreaterThan(0);
  });

  it('trains on 200 ratings and 100 background papers of 128 dimensions in milliseconds', () => {
    const wide = (i: number, n: number, seed: number) => cloud(Array.from({ length: 128 }, (_, k) => (k === i ? 1 : 0)), n, seed);
    const set = { liked: wide(0, 100, 4), disliked: wide(1, 100, 5), background: wide(2, 100, 6) };
    trainReaderModel(set, 'test');
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      trainReaderModel(set, 'test');
      times.push(performance.now() - started);
    }
    // A few ms on an idle core; the bound leaves room for a busy shared machine.
    expect(Math.min(...times)).toBeLessThan(100);
  });

  it('rejects a paper vector of another dimension while training, and scores one as neutral', () => {
    expect(() => trainReaderModel({ liked: [new Float32Array(3)], disliked: [new Float32Array(4)], background: [] }, 'x')).toThrow(/dimensions/);
    const model = trainReaderModel({ liked: video.slice(0, 2), disliked: [], background: other.slice(0, 5) }, 'test')!;
    expect(readerPreference(model, new Float32Array(3))).toBe(0);
  });

  it('survives storage as text with the same preferences', () => {
    const model = trainReaderModel({ liked: video.slice(0, 3), disliked: math.slice(0, 2), background: other.slice(0, 20) }, 'lsa-32-abc')!;
    const text = serializeReaderModel(model);
    expect(text.length).toBeLessThan(400);
    const back = deserializeReaderModel(text);
    expect(back.embedderId).toBe('lsa-32-abc');
    for (const v of [...video, ...math]) expect(readerPreference(back, v)).toBeCloseTo(readerPreference(model, v), 4);
    expect(() => deserializeReaderModel('{"version":2}')).toThrow();
  });
});

describe('backgroundSample', () => {
  it('spreads an unrated sample over the table, deterministically', () => {
    const ids = other.map((_, i) => `p${i}`);
    const table = new VectorTable(ids, other);
    const sample = backgroundSample(table, new Set(['p0', 'p1']), 10);
    expect(sample).toHaveLength(10);
    expect(sample).not.toContain(table.get('p0'));
    expect(backgroundSample(table, new Set(['p0', 'p1']), 10)).toEqual(sample);
    expect(backgroundSample(table, new Set(), 1_000)).toHaveLength(60);
  });
});
