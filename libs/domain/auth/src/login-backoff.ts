/**
 * How long failed logins hold off the next try: exponential backoff after a
 * few free failures, capped. It slows guessing without locking anyone out:
 * the wait ends by itself, and callers count failures per (account, client
 * address) and per address, so an attacker's address is slowed while the
 * owner, from their own address, is not. OWASP's Authentication Cheat Sheet
 * ("Account lockout": exponential lockout rather than a fixed lock, which
 * lets an attacker lock the owner out) and NIST SP 800-63B section 5.2.2
 * (rate limiting that does not deny service) describe the approach.
 *
 * Example: loginBackoffMs(5, PER_ACCOUNT_AND_ADDRESS) gives 8000: the 4th
 * failure waits 4 s, each further one twice as long, up to 15 minutes.
 */
export interface BackoffPolicy {
  /** Failures answered without any wait (typing mistakes). */
  freeFailures: number;
  /** The wait after the first failure past the free ones. */
  baseDelayMs: number;
  /** The longest wait, however many failures. */
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one. */
  forgetAfterMs: number;
}

const MINUTE_MS = 60_000;

/** One address guessing one account's password. */
export const PER_ACCOUNT_AND_ADDRESS: BackoffPolicy = {
  freeFailures: 3,
  baseDelayMs: 4_000,
  maxDelayMs: 15 * MINUTE_MS,
  forgetAfterMs: 60 * MINUTE_MS,
};

/**
 * One address trying many accounts (password spraying). More free failures:
 * an office or a campus shares one address.
 */
export const PER_ADDRESS: BackoffPolicy = {
  freeFailures: 20,
  baseDelayMs: 4_000,
  maxDelayMs: 15 * MINUTE_MS,
  forgetAfterMs: 60 * MINUTE_MS,
};

/**
 * loginBackoffMs: the wait, in milliseconds, after the `failures`-th
 * consecutive failure: 0 while failures <= freeFailures, then
 * baseDelayMs * 2^(failures - freeFailures - 1), at most maxDelayMs.
 */
export function loginBackoffMs(failures: number, policy: BackoffPolicy): number {
  if (!Number.isInteger(failures) || failures < 0)
    throw new Error(`loginBackoffMs requires a non-negative integer number of failures; got ${failures}`);
  const beyond = failures - policy.freeFailures;
  if (beyond <= 0) return 0;
  // 2^beyond overflows to Infinity long after the cap, and Math.min handles Infinity.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (beyond - 1));
}
