import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, RestartBackoff } from './restart-backoff';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RestartBackoff', () => {
  it('waits 200, 400, 800 ms for a service that dies as soon as it is started (the documented example)', () => {
    const clock = manualClock();
    const backoff = new RestartBackoff(clock.now);
    backoff.started();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(50); // up for 50 ms, then dead again
      delays.push(backoff.nextDelayMs());
      clock.advance(delays.at(-1)!);
      backoff.started();
    }
    expect(delays).toEqual([200, 400, 800]);
    expect(backoff.consecutiveRestarts).toBe(3);
  });

  it('never waits longer than the cap, however often the service fails to start', () => {
    const backoff = new RestartBackoff(manualClock().now);
    const delays = Array.from({ length: 12 }, () => backoff.nextDelayMs()); // every restart fails: no started()
    expect(delays.slice(0, 4)).toEqual([200, 400, 800, 1_600]);
    expect(Math.max(...delays)).toBe(DEFAULT_RESTART_POLICY.maxDelayMs);
    expect(delays.slice(-3)).toEqual([30_000, 30_000, 30_000]);
  });

  it('starts again from the first delay once the service has stayed up for a minute', () => {
    const clock = manualClock();
    const backoff = new RestartBackoff(clock.now);
    backoff.started();
    backoff.nextDelayMs();
    backoff.started();
    expect(backoff.nextDelayMs()).toBe(400); // died again within seconds
    backoff.started();
    clock.advance(59_999);
    expect(backoff.nextDelayMs()).toBe(800); // just short of stable
    backoff.started();
    clock.advance(60_000);
    expect(backoff.nextDelayMs()).toBe(200); // a stable minute: an isolated death again
    expect(backoff.consecutiveRestarts).toBe(1);
  });

  it('follows a policy given to it, and refuses one that would shrink', () => {
    const clock = manualClock();
    const backoff = new RestartBackoff(clock.now, { firstDelayMs: 1_000, factor: 3, maxDelayMs: 5_000, stableAfterMs: 10_000 });
    expect([backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs()]).toEqual([1_000, 3_000, 5_000]);
    expect(() => new RestartBackoff(clock.now, { firstDelayMs: 100, factor: 0.5, maxDelayMs: 1_000, stableAfterMs: 1 })).toThrow(
      /factor >= 1/,
    );
  });
});
