/**
 * When to start a supervised service again after it died: exponential
 * backoff (first delay × factor^n, capped), forgotten once the service has
 * stayed up for `stableAfterMs`. The usual rule of process supervisors
 * (systemd's RestartSec with StartLimitInterval, Erlang/OTP's restart
 * intensity): a service killed once (an out-of-memory kill) is back within a
 * fraction of a second; one that dies as soon as it starts (disk full, a
 * corrupt file) is retried ever more slowly instead of spinning a core.
 *
 * Pure: the clock comes in as a function, so a test drives time by hand.
 *
 * Example, with the defaults: three deaths in a row wait 200, 400, 800 ms; a
 * death after a minute of good service waits 200 ms again.
 */
export interface RestartPolicy {
  /** Delay before the first restart after a period of good service. */
  firstDelayMs: number;
  /** Each further consecutive restart waits this many times longer. */
  factor: number;
  /** Upper bound of the delay. */
  maxDelayMs: number;
  /** Up this long, a service counts as healthy again: the next death starts from firstDelayMs. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 200,
  factor: 2,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

export class RestartBackoff {
  private consecutive = 0;
  private upSince: number | undefined;

  constructor(
    private readonly now: () => number,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {
    if (!(policy.firstDelayMs >= 0) || !(policy.factor >= 1) || !(policy.maxDelayMs >= policy.firstDelayMs)) {
      throw new Error('RestartBackoff requires firstDelayMs >= 0, factor >= 1 and maxDelayMs >= firstDelayMs');
    }
  }

  /** Restarts in a row without a stable period in between. */
  get consecutiveRestarts(): number {
    return this.consecutive;
  }

  /** The service is up (first start or a restart that succeeded). */
  started(): void {
    this.upSince = this.now();
  }

  /** The service died, or a restart failed: how long to wait before the next start. */
  nextDelayMs(): number {
    if (this.upSince !== undefined && this.now() - this.upSince >= this.policy.stableAfterMs) this.consecutive = 0;
    this.upSince = undefined;
    const delay = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * this.policy.factor ** this.consecutive);
    this.consecutive += 1;
    return delay;
  }
}
