import { describe, expect, it } from 'vitest';
import { ChunkHandoff } from './chunk-handoff';

describe('ChunkHandoff', () => {
  it('hands chunks over in order and answers null once closed and drained', async () => {
    const handoff = new ChunkHandoff<number>(1);
    const taken: number[] = [];
    const taker = (async () => {
      for (let c = await handoff.take(); c !== null; c = await handoff.take()) taken.push(c);
    })();
    for (const c of [1, 2, 3]) await handoff.put(c);
    handoff.close();
    await taker;
    expect(taken).toEqual([1, 2, 3]);
  });

  it('makes the producer wait while `capacity` chunks are waiting', async () => {
    const handoff = new ChunkHandoff<number>(1);
    await handoff.put(1);
    let second = false;
    const put = handoff.put(2).then(() => (second = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    expect(await handoff.take()).toBe(1);
    await put;
    expect(second).toBe(true);
  });

  it('a failure on one side reaches the other at its next put or take', async () => {
    const handoff = new ChunkHandoff<number>(1);
    await handoff.put(1);
    const blocked = handoff.put(2);
    handoff.fail(new Error('the database went away'));
    await expect(blocked).rejects.toThrow('the database went away');
    await expect(handoff.take()).rejects.toThrow('the database went away');
  });
});
