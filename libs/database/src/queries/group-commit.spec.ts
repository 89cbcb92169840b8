import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('writes items queued in the same turn with one statement, and those queued during it with the next', async () => {
    const statements: number[][] = [];
    let release: () => void = () => undefined;
    const commit = new GroupCommit<number>(async (items) => {
      statements.push(items);
      if (statements.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = [commit.add(1), commit.add(2), commit.add(3)];
    await new Promise((resolve) => setImmediate(resolve));
    // The first statement is in flight: these wait for it, then go together.
    const second = [commit.add(4), commit.add(5)];
    release();
    await Promise.all([...first, ...second]);
    expect(statements).toEqual([[1, 2, 3], [4, 5]]);
    await commit.add(6);
    expect(statements).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  it('settles a caller only after its own statement: a failure rejects exactly that batch', async () => {
    const commit = new GroupCommit<string>(async (items) => {
      if (items.includes('bad')) throw new Error('constraint violated');
    });
    const batch = [commit.add('a'), commit.add('bad')];
    await expect(batch[0]).rejects.toThrow('constraint violated');
    await expect(batch[1]).rejects.toThrow('constraint violated');
    await expect(commit.add('c')).resolves.toBeUndefined();
  });

  it('splits a long queue into statements of at most maxBatch items', async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number>(async (items) => {
      sizes.push(items.length);
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.add(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});

describe('GroupCommit with results', () => {
  it('gives each caller the result of its own item', async () => {
    const commit = new GroupCommit<number, number>(async (items) => items.map((n) => n * 10));
    await expect(Promise.all([commit.add(1), commit.add(2), commit.add(3)])).resolves.toEqual([10, 20, 30]);
  });
});
