import { describe, expect, it } from 'vitest';
import {
  bigrams,
  logOddsDirichlet,
  marketComplementarityScore,
  pearson,
  ratingSummary,
  ratingTrend,
  reviewTerms,
  reviewThemes,
  tokenise,
  uxConsistencyScore,
  fallingItems,
} from './index';

describe('tokenise and bigrams', () => {
  it('drops stop words, keeps negations, joins neighbours', () => {
    expect(tokenise("Didn't fit my car: fitment issues!")).toEqual(['didnt', 'fit', 'car', 'fitment', 'issues']);
    expect(tokenise('It did not fit')).toEqual(['not', 'fit']);
    expect(bigrams(['shipping', 'delay', 'again'])).toEqual(['shipping delay', 'delay again']);
    expect(reviewTerms('Shipping delay, shipping delay')).toEqual(['shipping', 'delay', 'shipping delay', 'delay shipping']);
  });
});

describe('logOddsDirichlet', () => {
  it('matches the formula of Monroe et al. (2008) worked by hand', () => {
    const a = new Map([
      ['delay', 8],
      ['great', 1],
    ]);
    const b = new Map([
      ['delay', 1],
      ['great', 9],
    ]);
    const bg = new Map([
      ['delay', 9],
      ['great', 10],
    ]);
    const [delay, great] = logOddsDirichlet(a, b, bg);
    // n_a = 9, n_b = 10, α0 = 19; delay: α = 9 → δ = ln(17/(9+19-8-9)) − ln(10/(10+19-1-9)) = ln(17/11) − ln(10/19)
    const delta = Math.log(17 / 11) - Math.log(10 / 19);
    expect(delay.term).toBe('delay');
    expect(delay.delta).toBeCloseTo(delta, 12);
    expect(delay.z).toBeCloseTo(delta / Math.sqrt(1 / 17 + 1 / 10), 12);
    expect(great.z).toBeLessThan(0);
  });

  it('shrinks a term seen once toward zero instead of calling it infinitely distinctive', () => {
    const [rare] = logOddsDirichlet(
      new Map([
        ['rare', 1],
        ['x', 50],
      ]),
      new Map([['x', 50]]),
      new Map([
        ['rare', 1],
        ['x', 100],
      ]),
    );
    expect(rare.term).toBe('rare');
    expect(Math.abs(rare.z)).toBeLessThan(1.96);
  });

  it('says what it requires', () => {
    expect(() => logOddsDirichlet(new Map([['a', 1]]), new Map(), new Map([['b', 1]]))).toThrow('"a" is missing');
  });
});

describe('reviewThemes', () => {
  it('names the phrase of the low ratings, with examples, and not its words apart', () => {
    const reviews = [
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `l${String(i).padStart(2, '0')}`,
        rating: 1 + (i % 2),
        text: i % 3 === 0 ? 'Shipping delay, no reply about the car.' : 'Shipping delay again',
      })),
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `h${String(i).padStart(2, '0')}`,
        rating: 4 + (i % 2),
        text: i % 2 ? 'Fits perfectly, great shop' : 'Great quality for my car, fits perfectly',
      })),
    ];
    const input = JSON.parse(JSON.stringify(reviews));
    const themes = reviewThemes(reviews, []);
    expect(themes.low[0].term).toBe('shipping delay');
    expect(themes.low.map((t) => t.term)).not.toContain('shipping');
    expect(themes.low[0].examples).toHaveLength(3);
    expect(themes.low[0].examples[0].rating).toBe(1);
    expect(themes.low.map((t) => t.term)).not.toContain('car');
    expect(themes.high.map((t) => t.term)).toContain('fits perfectly');
    expect(reviews).toEqual(input);
  });
});

describe('ratingSummary', () => {
  it("gives R's t.test interval, clipped to the rating scale, and flags a small sample", () => {
    const s = ratingSummary([4, 5, 3, 4]);
    expect(s.mean).toBe(4);
    // t.test(c(4,5,3,4))$conf.int: 2.700772 5.299228 (4 ± 3.182446 × 0.408248)
    expect(s.lower).toBeCloseTo(2.700772, 5);
    expect(s.upper).toBe(5);
    expect(s.distribution).toEqual([0, 0, 1, 2, 1]);
    expect(s.smallSample).toBe(true);
    expect(ratingSummary(Array.from({ length: 51 }, () => 4)).smallSample).toBe(false);
  });
});

describe('ratingTrend', () => {
  it('is the least-squares slope per 30 days, falling when the interval is below 0', () => {
    const t = ratingTrend([
      { at: 0, rating: 5 },
      { at: 30, rating: 4 },
      { at: 60, rating: 3 },
      { at: 90, rating: 2.1 },
    ])!;
    expect(t.slopePer30Days).toBeCloseTo(-0.97, 10);
    expect(t.direction).toBe('falling');
    expect(
      ratingTrend([
        { at: 0, rating: 5 },
        { at: 1, rating: 4 },
      ]),
    ).toBeNull();
  });
});

describe('fallingItems', () => {
  it('lists items whose later reviews are worse, worst first', () => {
    const r = (itemId: string, at: number, rating: number) => ({ itemId, at, rating });
    const out = fallingItems(
      [
        r('a', 1, 5),
        r('a', 2, 5),
        r('a', 3, 5),
        r('a', 11, 2),
        r('a', 12, 2),
        r('a', 13, 2),
        r('b', 1, 4),
        r('b', 2, 4),
        r('b', 3, 4),
        r('b', 11, 3),
        r('b', 12, 4),
        r('b', 13, 4),
        r('c', 1, 1),
        r('c', 11, 5),
      ],
      10,
    );
    expect(out.map((x) => [x.itemId, Math.round(x.change * 100) / 100])).toEqual([
      ['a', -3],
      ['b', -0.33],
    ]);
  });
});

describe('measured scorecard values', () => {
  it('scores UX consistency as 5 × the share rated 4 or 5', () => {
    expect(uxConsistencyScore([5, 5, 4, 2]).score).toBe(3.75);
    expect(uxConsistencyScore([]).score).toBeNull();
  });
  it('scores market complementarity from the correlation', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(marketComplementarityScore([50, 60, 70], [1, 2, 3]).score).toBe(5);
    expect(marketComplementarityScore([50, 60, 70], [3, 2, 1]).score).toBe(0);
  });
});
