import { describe, expect, it } from 'vitest';
import { clockFromEnv, parsePinnedNow } from './clock';

describe('the clock', () => {
  it('reads CROSSLANE_NOW as a pinned instant that does not move', async () => {
    const clock = clockFromEnv({ CROSSLANE_NOW: '2026-06-15T12:00:00Z' });
    const first = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first.toISOString()).toBe('2026-06-15T12:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-06-15T12:00:00.000Z');
    first.setUTCFullYear(1999); // a caller changing its copy changes nothing
    expect(clock.now().toISOString()).toBe('2026-06-15T12:00:00.000Z');
    expect(clockFromEnv({ CROSSLANE_NOW: '2026-06-15T23:30:00+02:00' }).now().toISOString()).toBe('2026-06-15T21:30:00.000Z');
  });

  it('follows the system clock when CROSSLANE_NOW is unset or empty', () => {
    for (const env of [{}, { CROSSLANE_NOW: '' }, { CROSSLANE_NOW: '  ' }]) {
      const before = Date.now();
      const read = clockFromEnv(env).now().getTime();
      expect(read).toBeGreaterThanOrEqual(before);
      expect(read).toBeLessThanOrEqual(Date.now());
    }
  });

  it('refuses a value that is not a real instant with a zone, naming the variable', () => {
    for (const bad of ['tomorrow', '2026-06-15', '2026-06-15T12:00:00', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z']) {
      expect(() => parsePinnedNow(bad)).toThrow(
        `CROSSLANE_NOW must be an ISO 8601 instant with a zone, such as 2026-06-15T12:00:00Z; got "${bad}"`,
      );
    }
  });
});
