import { describe, expect, it } from 'vitest';
import { loginBackoffMs, PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS } from './login-backoff';

describe('loginBackoffMs', () => {
  it('lets three typing mistakes pass, then doubles from 4 s (the doc example)', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => loginBackoffMs(n, PER_ACCOUNT_AND_ADDRESS))).toEqual([0, 0, 0, 0, 4_000, 8_000, 16_000]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(loginBackoffMs(12, PER_ACCOUNT_AND_ADDRESS)).toBe(15 * 60_000);
    expect(loginBackoffMs(5_000, PER_ACCOUNT_AND_ADDRESS)).toBe(15 * 60_000);
  });

  it('gives a shared address twenty free failures before slowing it', () => {
    expect(loginBackoffMs(20, PER_ADDRESS)).toBe(0);
    expect(loginBackoffMs(21, PER_ADDRESS)).toBe(4_000);
  });

  it('names what it requires', () => {
    expect(() => loginBackoffMs(-1, PER_ADDRESS)).toThrow('loginBackoffMs requires a non-negative integer number of failures; got -1');
    expect(() => loginBackoffMs(1.5, PER_ADDRESS)).toThrow(/non-negative integer/);
  });
});
