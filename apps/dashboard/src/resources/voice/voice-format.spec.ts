import { describe, expect, it } from 'vitest';
import { formatInterval, formatStars, trendSentence } from './voice-format';

describe('voice formatting', () => {
  it('writes intervals, stars and the trend as a reader needs them', () => {
    expect(formatInterval(3.421, 4.1)).toBe('3.42–4.10');
    expect(formatInterval(null, null)).toBe('—');
    expect(formatStars(2)).toBe('★★☆☆☆');
    expect(trendSentence({ slopePer30Days: -0.2, lower: -0.35, upper: -0.05, direction: 'falling' })).toBe(
      'falling: -0.20 ★ per 30 days (-0.35 to -0.05)',
    );
    expect(trendSentence({ slopePer30Days: 0.01, lower: -0.1, upper: 0.12, direction: 'flat' })).toMatch(/^no clear trend/);
    expect(trendSentence(null)).toBe('too few reviews for a trend');
  });
});
