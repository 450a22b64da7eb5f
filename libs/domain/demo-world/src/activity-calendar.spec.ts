import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, buildActivityCalendar, dayFactors } from './activity-calendar';
import { SeededRandom } from '@crosslane/util-random';

const start = Date.parse('2026-02-28T00:00:00Z');
const end = Date.parse('2026-11-28T00:00:00Z');
const calendar = buildActivityCalendar(start, end);

/** Share of 200k sampled instants that fall where `where` holds, in China time (UTC+8). */
function share(where: (local: Date) => boolean, from = start, to = end): number {
  const rng = new SeededRandom(11);
  let hits = 0;
  for (let i = 0; i < 200_000; i += 1) {
    if (where(new Date(calendar.sample(rng, from, to) + 8 * HOUR_MS))) hits += 1;
  }
  return hits / 200_000;
}

describe('buildActivityCalendar', () => {
  it('gives the doc comment example: massPer30Days is the mass of 30 days when the window is 30 days', () => {
    const month = buildActivityCalendar(start, start + 30 * DAY_MS);
    expect(month.massPer30Days).toBeCloseTo(month.mass(start, start + 30 * DAY_MS), 9);
  });

  it('is additive over adjacent spans and zero on an empty one', () => {
    const mid = start + 100.37 * DAY_MS;
    expect(calendar.mass(start, mid) + calendar.mass(mid, end)).toBeCloseTo(calendar.mass(start, end), 6);
    expect(calendar.mass(mid, mid)).toBe(0);
  });

  it('samples only inside the requested span, including a window that ends mid-hour', () => {
    const cut = buildActivityCalendar(start, start + 5 * DAY_MS + 0.4 * HOUR_MS);
    const rng = new SeededRandom(3);
    for (let i = 0; i < 5000; i += 1) {
      const from = start + rng.uniform(0, 4) * DAY_MS;
      const to = from + rng.uniform(0.001, 1) * DAY_MS;
      const t = cut.sample(rng, from, to);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThan(to);
    }
  });

  it('puts the peak in the Beijing evening: 19:00-23:00 holds more than a third, 02:00-06:00 under 2%', () => {
    expect(share((d) => d.getUTCHours() >= 19 && d.getUTCHours() < 23)).toBeGreaterThan(0.33);
    expect(share((d) => d.getUTCHours() >= 2 && d.getUTCHours() < 6)).toBeLessThan(0.02);
  });

  it('makes a weekend day busier than a weekday', () => {
    const weekend = share((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6) / 2;
    const weekday = share((d) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5) / 5;
    expect(weekend / weekday).toBeGreaterThan(1.15);
  });

  it('grows: the last 30 days carry more than the first 30', () => {
    expect(calendar.mass(end - 30 * DAY_MS, end) / calendar.mass(start + DAY_MS, start + 31 * DAY_MS)).toBeGreaterThan(1.25);
  });

  it('boosts car topics in auto-show season and purchases on Double 11', () => {
    expect(calendar.carBoost(Date.parse('2026-04-25T12:00:00Z'))).toBe(1.8);
    expect(calendar.carBoost(Date.parse('2026-07-10T12:00:00Z'))).toBe(1);
    expect(calendar.carBoost(Date.parse('2026-11-20T12:00:00Z'))).toBe(1.4);
    expect(calendar.purchaseBoost(Date.parse('2026-11-10T12:00:00Z'))).toBe(1.8);
    expect(calendar.purchaseBoost(Date.parse('2026-08-10T12:00:00Z'))).toBe(1);
  });

  it('dips over Spring Festival and lifts before National Day', () => {
    expect(dayFactors(2026, 2, 18).activity).toBeLessThan(dayFactors(2026, 3, 18).activity * 0.7);
    expect(dayFactors(2026, 9, 28).activity).toBeGreaterThan(dayFactors(2026, 9, 10).activity);
    expect(dayFactors(2026, 10, 3).activity).toBeLessThan(dayFactors(2026, 10, 20).activity);
  });

  it('says what it requires', () => {
    expect(() => buildActivityCalendar(end, start)).toThrow('buildActivityCalendar requires endMs after startMs');
  });
});
