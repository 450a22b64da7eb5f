import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Role } from '@crosslane/contracts';
import { APP_CONFIG, AppConfig, runsHttp } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { RedisService } from '../database/redis.service';
import type { AuthenticatedAccount } from './auth.decorators';

/** What the guard needs to know about a session: whether it still stands, and for whom. */
export interface SessionState {
  accountId: string;
  /** Null when the account is deactivated. */
  account: AuthenticatedAccount | null;
  tokenVersion: number;
  ended: boolean;
}

type Revocation = { accountId: string } | { sessionId: string };

/**
 * The guard's view of sessions and accounts, read from PostgreSQL and kept
 * for at most 2 s per session so a busy client does not cost a query per
 * request. Whatever ends a session (logout) or revokes an account's tokens
 * (password, role, deactivation) calls `revoked` after its transaction
 * commits: the entry is dropped here at once, and every other API process is
 * told over Redis pub/sub and drops its own. Should a message be lost (Redis
 * reconnecting), the 2 s expiry still bounds how long a revoked token lives
 * in another process.
 */
@Injectable()
export class SessionStateService implements OnModuleInit, OnModuleDestroy {
  private static readonly CACHE_MS = 2_000;
  private static readonly CACHE_SIZE = 10_000;
  private readonly logger = new Logger(SessionStateService.name);
  private readonly cache = new Map<string, { state: SessionState | null; at: number }>();
  private readonly reads = new Map<string, Promise<SessionState | null>>();
  /** Bumped by every revocation: a read that started before one must not put its stale answer in the cache. */
  private generation = 0;
  private subscriber: Redis | null = null;
  private readonly channel: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
  ) {
    this.channel = `${config.queuePrefix}:auth:revocations`;
  }

  async onModuleInit(): Promise<void> {
    // Only a process that serves HTTP runs the guard.
    if (!runsHttp(this.config)) return;
    // The request connection refuses commands while disconnected; a subscriber must instead wait for Redis and resubscribe by itself.
    this.subscriber = this.redis.client.duplicate({ enableOfflineQueue: true, commandTimeout: undefined, maxRetriesPerRequest: null });
    // ioredis reconnects and subscribes again by itself; one line per outage is enough to say so.
    let down = false;
    this.subscriber.on('error', (error: Error) => {
      if (!down)
        this.logger.warn(
          `Revocations from other API processes are not heard while Redis is unreachable (cached sessions expire within 2 s): ${error.message}`,
        );
      down = true;
    });
    this.subscriber.on('ready', () => {
      down = false;
    });
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.forget(JSON.parse(message) as Revocation);
      } catch {
        this.logger.warn(`Ignored a malformed revocation message on ${this.channel}`);
      }
    });
    // Not awaited: with Redis away at start the API still serves (503 where Redis is needed) and subscribes once it is back.
    this.subscriber
      .subscribe(this.channel)
      .catch((error: Error) => this.logger.warn(`Could not subscribe to ${this.channel}: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** The session's current state, at most 2 s old and never older than a revocation this process has heard of. */
  async load(sessionId: string): Promise<SessionState | null> {
    const cached = this.cache.get(sessionId);
    if (cached && Date.now() - cached.at < SessionStateService.CACHE_MS) return cached.state;
    // One read per session when its entry expires, however many requests are in flight:
    // without it, a busy client's requests all queue on the pool at once every 2 s.
    let pending = this.reads.get(sessionId);
    if (!pending) {
      const generation = this.generation;
      pending = this.read(sessionId)
        .then((state) => {
          if (generation === this.generation) this.remember(sessionId, state);
          return state;
        })
        .finally(() => {
          if (this.reads.get(sessionId) === pending) this.reads.delete(sessionId);
        });
      this.reads.set(sessionId, pending);
    }
    return pending;
  }

  private remember(sessionId: string, state: SessionState | null): void {
    // Re-inserting moves the entry to the end; the first one is then the stalest.
    this.cache.delete(sessionId);
    if (this.cache.size >= SessionStateService.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sessionId, { state, at: Date.now() });
  }

  /** Call after the change has committed: drops the cached state here and in every other API process. */
  async revoked(revocation: Revocation): Promise<void> {
    this.forget(revocation);
    try {
      await this.redis.client.publish(this.channel, JSON.stringify(revocation));
    } catch (error) {
      // The change is committed; other processes catch up within 2 s when their entry expires.
      this.logger.warn(`Could not announce a revocation to other API processes (they catch up within 2 s): ${(error as Error).message}`);
    }
  }

  private forget(revocation: Revocation): void {
    this.generation += 1;
    if ('sessionId' in revocation) {
      this.cache.delete(revocation.sessionId);
      this.reads.delete(revocation.sessionId);
      return;
    }
    for (const [sessionId, entry] of this.cache) {
      if (entry.state?.accountId === revocation.accountId) this.cache.delete(sessionId);
    }
    // A read in flight may belong to this account; the next request reads again.
    this.reads.clear();
  }

  private async read(sessionId: string): Promise<SessionState | null> {
    const row = await this.prisma.authSession.findUnique({
      where: { id: sessionId },
      select: {
        endedAt: true,
        accountId: true,
        account: { select: { id: true, email: true, role: true, active: true, tokenVersion: true } },
      },
    });
    if (!row) return null;
    const { account } = row;
    return {
      accountId: row.accountId,
      account: account.active ? { id: account.id, email: account.email, role: account.role as Role } : null,
      tokenVersion: account.tokenVersion,
      ended: row.endedAt !== null,
    };
  }
}
