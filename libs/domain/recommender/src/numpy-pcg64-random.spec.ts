import { describe, expect, it } from 'vitest';
import { createNumpyRandom } from './numpy-pcg64-random';

function draws(seed: number, count: number): number[] {
  const random = createNumpyRandom(seed);
  return Array.from({ length: count }, () => random());
}

describe('createNumpyRandom', () => {
  // Every literal below was printed by numpy 2.4.6:
  //   r = np.random.default_rng(seed); [repr(x) for x in r.random(5)]
  // and, for the far draws, np.random.default_rng(seed).random(100001)[99999:].
  it('returns default_rng(1).random() as its first draw (the doc example)', () => {
    expect(createNumpyRandom(1)()).toBe(0.5118216247002567);
  });

  it.each([
    [0, [0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094, 0.8132702392002724]],
    [1, [0.5118216247002567, 0.9504636963259353, 0.14415961271963373, 0.9486494471372439, 0.31183145201048545]],
    [2, [0.2616121342493164, 0.2984911434141233, 0.8142257405942803, 0.0919159421350969, 0.600100525965654]],
    [12345, [0.22733602246716966, 0.31675833970975287, 0.7973654573327341, 0.6762546707509746, 0.391109550601909]],
    // 2^32 + 7: two entropy words.
    [4294967303, [0.7701409510034741, 0.1119272443176843, 0.18909773329712753, 0.15995526155905015, 0.43196882203614395]],
    // 2^53 - 1, the largest seed accepted.
    [9007199254740991, [0.7862681066761149, 0.6063032385025929, 0.5376094823800641, 0.1563294447865048, 0.10975294922492185]],
  ])('draws exactly numpy default_rng(%d).random(5)', (seed, expected) => {
    expect(draws(seed, 5)).toEqual(expected);
  });

  it.each([
    [0, 0.5062626145025364, 0.6069953714589552],
    [1, 0.39167872379854096, 0.36669412749186947],
    [4294967303, 0.6133574625253255, 0.8627064276165708],
    [9007199254740991, 0.9586078943216038, 0.6699533935957527],
  ])('stays on numpy default_rng(%d) at the 100,000th and 100,001st draws', (seed, at99999, at100000) => {
    const random = createNumpyRandom(seed);
    for (let i = 0; i < 99999; i++) random();
    expect(random()).toBe(at99999);
    expect(random()).toBe(at100000);
  });

  it("keeps each generator's state its own, so interleaved generators do not disturb each other", () => {
    const a = createNumpyRandom(1);
    const b = createNumpyRandom(2);
    const fromA: number[] = [];
    const fromB: number[] = [];
    for (let i = 0; i < 1500; i++) {
      fromA.push(a());
      fromB.push(b());
    }
    expect(fromA).toEqual(draws(1, 1500));
    expect(fromB).toEqual(draws(2, 1500));
  });

  it.each([[-1], [0.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 53], ['1' as unknown as number]])(
    'refuses seed %s with a clear error',
    (seed) => {
      expect(() => createNumpyRandom(seed)).toThrow('createNumpyRandom requires seed to be an integer in [0, 2^53 - 1]');
    },
  );
});
