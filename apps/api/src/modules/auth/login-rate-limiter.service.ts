import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BackoffPolicy, loginBackoffMs, PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS } from '@crosslane/domain-auth';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { RedisService } from '../../core/database/redis.service';

/** Which counter called for the wait: one address guessing one account, or one address guessing many. */
export type ThrottleScope = 'account-and-address' | 'address';

/** A login refused before its password is checked, because a backoff is still running. */
export class LoginThrottledException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    readonly scope: ThrottleScope,
  ) {
    super(
      { message: `Too many failed logins; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * SHA-256 of the normalised e-mail: how throttled attempts name the account
 * they aimed at (audit log, Redis keys) without storing what was typed. An
 * admin finds an account's attempts by hashing its address the same way.
 */
export function loginEmailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/**
 * Failed logins slow the next try instead of locking the account. Failures
 * are counted per (account, client address) and per address, in Redis under
 * the deployment's key prefix so every API process shares them; each count
 * past its free failures starts a wait (libs/domain/auth login-backoff) kept
 * as a key that expires by itself. The owner logging in from another address
 * meets neither wait, so knowing an e-mail is not enough to lock its owner out.
 */
@Injectable()
export class LoginRateLimiterService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  /** Throws LoginThrottledException while either wait runs. */
  async assertAllowed(email: string, ip: string | null): Promise<void> {
    const keys = this.keys(email, ip);
    const results = await this.redis.client.multi().pttl(keys.pairWait).pttl(keys.addressWait).exec();
    // PTTL answers -2 for a missing key, -1 for one without expiry (never written here).
    const [pairMs, addressMs] = (results ?? []).map(([, value]) => Math.max(0, Number(value)));
    const waitMs = Math.max(pairMs ?? 0, addressMs ?? 0);
    if (waitMs > 0)
      throw new LoginThrottledException(Math.ceil(waitMs / 1000), (pairMs ?? 0) >= (addressMs ?? 0) ? 'account-and-address' : 'address');
  }

  async recordFailure(email: string, ip: string | null): Promise<void> {
    const keys = this.keys(email, ip);
    const results = await this.redis.client
      .multi()
      .incr(keys.pairFailures)
      .pexpire(keys.pairFailures, PER_ACCOUNT_AND_ADDRESS.forgetAfterMs)
      .incr(keys.addressFailures)
      .pexpire(keys.addressFailures, PER_ADDRESS.forgetAfterMs)
      .exec();
    const pairFailures = Number(results?.[0]?.[1] ?? 0);
    const addressFailures = Number(results?.[2]?.[1] ?? 0);
    await this.startWait(keys.pairWait, pairFailures, PER_ACCOUNT_AND_ADDRESS);
    await this.startWait(keys.addressWait, addressFailures, PER_ADDRESS);
  }

  /** The right password from this address: its count for this account starts again (the address's own count stays). */
  async recordSuccess(email: string, ip: string | null): Promise<void> {
    const keys = this.keys(email, ip);
    await this.redis.client.del(keys.pairFailures, keys.pairWait);
  }

  private async startWait(key: string, failures: number, policy: BackoffPolicy): Promise<void> {
    const waitMs = loginBackoffMs(failures, policy);
    if (waitMs > 0) await this.redis.client.set(key, String(failures), 'PX', waitMs);
  }

  private keys(email: string, ip: string | null) {
    const base = `${this.config.queuePrefix}:login`;
    const address = ip ?? 'unknown';
    const pair = `${loginEmailHash(email)}:${address}`;
    return {
      pairFailures: `${base}:failures:pair:${pair}`,
      pairWait: `${base}:wait:pair:${pair}`,
      addressFailures: `${base}:failures:address:${address}`,
      addressWait: `${base}:wait:address:${address}`,
    };
  }
}
