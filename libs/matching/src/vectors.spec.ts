import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeVector, dot, encodeVector, unitLength, VectorTable } from './vectors.js';

const unitVector = (dimensions: number) =>
  fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: dimensions, maxLength: dimensions })
    .filter((v) => v.some((x) => Math.abs(x) > 1e-3))
    .map((v) => unitLength(Float32Array.from(v)));

describe('vectors', () => {
  it('scales to unit length, and leaves a zero vector at zero', () => {
    const v = unitLength(Float32Array.from([3, 4]));
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(unitLength(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('refuses to compare vectors of different dimensions', () => {
    expect(() => dot(new Float32Array(2), new Float32Array(3))).toThrow(/dimensions/);
  });

  it('stores a vector in one byte per dimension plus 4, and reads back the same direction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 256 }).chain((d) => unitVector(d)),
        (v) => {
          const bytes = encodeVector(v);
          expect(bytes.length).toBe(v.length + 4);
          const back = decodeVector(bytes);
          expect(dot(back, v)).toBeGreaterThan(0.995);
        },
      ),
    );
  });

  it('reads an encoded vector from a slice of a larger buffer (as a database driver hands it)', () => {
    const v = unitLength(Float32Array.from([1, -2, 3, 0.5]));
    const framed = new Uint8Array(20);
    framed.set(encodeVector(v), 7);
    expect(dot(decodeVector(framed.subarray(7, 15)), v)).toBeGreaterThan(0.999);
    expect(() => decodeVector(new Uint8Array(2))).toThrow();
  });

  it('scores a query against every row as the dot product of each', () => {
    fc.assert(
      fc.property(fc.array(unitVector(8), { minLength: 1, maxLength: 20 }), unitVector(8), (rows, query) => {
        const table = new VectorTable(
          rows.map((_, i) => `p${i}`),
          rows,
        );
        const scores = table.similarities(query);
        rows.forEach((row, i) => expect(scores[i]).toBeCloseTo(dot(row, query), 5));
        expect(table.get('p0')).toEqual(rows[0]);
        expect(table.indexOf('missing')).toBe(-1);
      }),
    );
  });

  it('rejects a table whose vectors differ in dimension', () => {
    expect(() => new VectorTable(['a', 'b'], [new Float32Array(3), new Float32Array(4)])).toThrow(/dimensions/);
  });
});
