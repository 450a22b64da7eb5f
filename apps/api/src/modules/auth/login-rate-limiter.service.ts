import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { RedisService } from '../../core/database/redis.service';

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_ATTEMPTS_PER_IP = 30;

/**
 * Counts login attempts in Redis (under the deployment's key prefix) so that every API process behind a load
 * balancer shares the same counters: failures per e-mail (stops guessing
 * one password) and attempts per client address (stops spraying many).
 */
@Injectable()
export class LoginRateLimiterService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  async assertAllowed(email: string, ip: string | null): Promise<void> {
    const [failures, attempts] = await this.redis.client.mget(this.emailKey(email), this.ipKey(ip));
    if (Number(failures ?? 0) >= MAX_FAILURES_PER_EMAIL || Number(attempts ?? 0) >= MAX_ATTEMPTS_PER_IP) {
      throw new HttpException(
        { message: `Too many login attempts; try again in ${WINDOW_SECONDS / 60} minutes` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    await this.redis.client.multi().incr(this.ipKey(ip)).expire(this.ipKey(ip), WINDOW_SECONDS, 'NX').exec();
  }

  async recordFailure(email: string): Promise<void> {
    await this.redis.client.multi().incr(this.emailKey(email)).expire(this.emailKey(email), WINDOW_SECONDS, 'NX').exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.client.del(this.emailKey(email));
  }

  private emailKey(email: string): string {
    return `${this.config.queuePrefix}:login-failures:${email.toLowerCase()}`;
  }

  private ipKey(ip: string | null): string {
    return `${this.config.queuePrefix}:login-attempts:${ip ?? 'unknown'}`;
  }
}
