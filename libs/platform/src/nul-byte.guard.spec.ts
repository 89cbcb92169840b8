import { describe, expect, it } from '@jest/globals';
import { findNulByte } from './nul-byte.guard.js';

describe('findNulByte', () => {
  it('names the top-level field that holds a NUL, however deep', () => {
    expect(findNulByte({ email: 'a@b.org', keywords: ['x', ['y', { z: 'w\0' }]] })).toBe('keywords');
    expect(findNulByte({ ['bad\0key']: 1 })).toBe('');
    expect(findNulByte({ nested: { ['k\0']: 1 } })).toBe('nested');
    expect(findNulByte('text\0')).toBe('');
  });

  it('finds nothing in clean values', () => {
    for (const value of [undefined, null, 5, true, 'text', { a: ['b', { c: 'd' }] }, []]) expect(findNulByte(value)).toBeNull();
  });

  it('walks a very deeply nested value without exhausting the stack', () => {
    let deep: unknown = 'x\0';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findNulByte({ body: deep })).toBe('body');
  });
});
