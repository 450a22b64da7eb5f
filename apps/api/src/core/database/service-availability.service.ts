import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { OutageLog, outageOf, type Service } from './service-outage';

const PROBE_INTERVAL_MS = 1_000;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether PostgreSQL and Redis can be reached, as this process sees it, with
 * one log line when either goes away and one when it is back (however many
 * connections report the same outage, however often they retry).
 *
 * Redis: every ioredis connection of the process (this one's, BullMQ's queues
 * and workers) gets an error handler here, so none prints "Unhandled error
 * event"; the plain client of RedisService is the one that decides the state,
 * so connections that reconnect a little later do not log the outage twice.
 * PostgreSQL: the pool's errors and the outage errors requests and jobs meet
 * mark it down; a `SELECT 1` once a second then finds when it is back.
 * Redis is probed the same way (PING) while it is marked down: a command that
 * timed out on a starved machine marks it down without closing the
 * connection, so no 'ready' ever follows, and without the probe the process
 * answered 503 and left the jobs requested meanwhile unqueued for good.
 */
@Injectable()
export class ServiceAvailabilityService implements OnModuleDestroy {
  private readonly logger = new Logger('Services');
  private readonly outages = new OutageLog(() => Date.now());
  private readonly listeners: Record<Service, Array<() => void>> = { database: [], redis: [] };
  private readonly probes: Partial<Record<Service, () => Promise<unknown>>> = {};
  private readonly probeTimers: Partial<Record<Service, NodeJS.Timeout>> = {};
  private closed = false;

  isDown(service: Service): boolean {
    return this.outages.isDown(service);
  }

  /** Runs `listener` each time `service` is back after an outage. */
  onBack(service: Service, listener: () => void): void {
    this.listeners[service].push(listener);
  }

  reportDown(service: Service, error: unknown): void {
    const line = this.outages.down(service, error instanceof Error ? error.message : String(error));
    if (!line) return;
    this.logger.warn(line);
    this.probe(service);
  }

  reportUp(service: Service): void {
    const line = this.outages.up(service);
    if (!line) return;
    this.logger.log(line);
    for (const listener of this.listeners[service]) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`After ${service} came back: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * Takes an error a request or a job met: true (and the state updated) when
   * it is an outage of PostgreSQL or Redis.
   */
  noteIfOutage(error: unknown): Service | undefined {
    const service = outageOf(error);
    if (service) this.reportDown(service, error);
    return service;
  }

  /** How PostgreSQL is found to be back (set by PrismaService). */
  setDatabaseProbe(probe: () => Promise<unknown>): void {
    this.probes.database = probe;
  }

  /** How Redis is found to be back besides its connection's 'ready' (set by RedisService). */
  setRedisProbe(probe: () => Promise<unknown>): void {
    this.probes.redis = probe;
  }

  /**
   * Handles the errors of an ioredis connection. `decidesState`: this
   * connection's 'ready' and errors mark Redis up and down; the others' errors
   * are only kept out of the log when they are the outage.
   */
  watchRedis(client: Pick<Redis, 'on'>, source: string, decidesState: boolean): void {
    client.on('error', (error: Error) => this.onRedisError(error, source, decidesState));
    if (decidesState) client.on('ready', () => this.reportUp('redis'));
  }

  /** For connections that report errors through their owner (BullMQ Queue and Worker 'error' events). */
  onRedisError(error: Error, source: string, decidesState = false): void {
    const outage = outageOf(error) === 'redis' || isSocketError(error);
    if (outage) {
      if (decidesState) this.reportDown('redis', error);
      return;
    }
    this.logger.error(`${source}: ${error.message}`);
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of Object.values(this.probeTimers)) clearTimeout(timer);
  }

  private probe(service: Service): void {
    const probe = this.probes[service];
    if (this.probeTimers[service] || this.closed || !probe) return;
    const timer = setTimeout(async () => {
      let ok = false;
      try {
        await withTimeout(probe(), PROBE_TIMEOUT_MS);
        ok = true;
      } catch {
        // still down
      }
      delete this.probeTimers[service];
      if (ok) this.reportUp(service);
      else if (this.isDown(service)) this.probe(service);
    }, PROBE_INTERVAL_MS);
    timer.unref();
    this.probeTimers[service] = timer;
  }
}

function isSocketError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}
