/**
 * What an outage of PostgreSQL or Redis looks like from inside the process,
 * and what to say about it. No Nest, no I/O: the clock comes in.
 *
 * - `outageOf(error)` tells an error that means "the server cannot be reached
 *   right now" (refused or dropped connection, a server starting up or shutting
 *   down, a command that got no answer in time) from every other error, and
 *   names the service. The HTTP layer answers those with 503 and the worker
 *   puts the job back instead of spending one of its attempts.
 * - `OutageLog` turns the stream of such errors (ioredis reports every failed
 *   reconnection; the pool every dropped client) into state transitions: one
 *   line when a service goes down, one when it is back. The 344 stack traces
 *   of issue 11 become two lines.
 */
export type Service = 'database' | 'redis';

export const SERVICE_LABEL: Record<Service, string> = { database: 'PostgreSQL', redis: 'Redis' };

/** Prisma's codes for a server it cannot reach or that closed the connection (not P2024, a busy pool: that is load, not an outage). */
const PRISMA_OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
/** Driver adapter error kinds (@prisma/adapter-pg) of the same meaning. */
const ADAPTER_OUTAGE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
]);
/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, starting up). */
const PG_OUTAGE_SQLSTATE = /^(08|57P0[1-3])/;
const PG_OUTAGE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery|not yet accepting)|terminating connection due to|server closed the connection|Can't reach database server|Server has closed the connection/i;
const REDIS_OUTAGE_MESSAGE =
  /Stream isn't writeable|enableOfflineQueue|Connection is closed|Command timed out|max retries per request|MaxRetriesPerRequest|LOADING Redis is loading/i;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);

interface ErrorLike {
  name?: string;
  message?: string;
  code?: unknown;
  kind?: unknown;
  severity?: unknown;
  stack?: string;
  cause?: unknown;
}

function one(error: ErrorLike, fromPrisma: boolean): Service | undefined {
  const name = String(error.name ?? '');
  const message = String(error.message ?? '');
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (name.startsWith('PrismaClient') || name === 'DriverAdapterError') {
    if (name === 'PrismaClientInitializationError' || name === 'PrismaClientRustPanicError') return 'database';
    if (code && PRISMA_OUTAGE_CODES.has(code)) return 'database';
    if (typeof error.kind === 'string' && ADAPTER_OUTAGE_KINDS.has(error.kind)) return 'database';
    if (PG_OUTAGE_MESSAGE.test(message)) return 'database';
    return undefined;
  }
  if (typeof error.severity === 'string' && code && PG_OUTAGE_SQLSTATE.test(code)) return 'database';
  if (typeof error.kind === 'string' && ADAPTER_OUTAGE_KINDS.has(error.kind)) return 'database';
  if (PG_OUTAGE_MESSAGE.test(message)) return 'database';
  if (REDIS_OUTAGE_MESSAGE.test(message) || name === 'MaxRetriesPerRequestError') return 'redis';
  if (code && SOCKET_CODES.has(code)) {
    if (fromPrisma) return 'database';
    return /[/\\](ioredis|bullmq)[/\\]/.test(error.stack ?? '')
      ? 'redis'
      : /[/\\]pg(-pool)?[/\\]/.test(error.stack ?? '')
        ? 'database'
        : undefined;
  }
  return undefined;
}

/** The service whose outage caused this error, or undefined when it is any other error. */
export function outageOf(error: unknown): Service | undefined {
  let current: unknown = error;
  let fromPrisma = false;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const found = one(current as ErrorLike, fromPrisma);
    if (found) return found;
    const name = String((current as ErrorLike).name ?? '');
    fromPrisma ||= name.startsWith('PrismaClient') || name === 'DriverAdapterError';
    const next = current as ErrorLike & { meta?: { driverAdapterError?: unknown } };
    current = next.cause ?? next.meta?.driverAdapterError;
  }
  return undefined;
}

/** The message a client gets with the 503. */
export function unavailableMessage(service: Service): string {
  return `${SERVICE_LABEL[service]} is unreachable right now. Try again in a few seconds.`;
}

/**
 * State per service, and the one line to log at each transition. `down` and
 * `up` return that line, or undefined when the state did not change.
 *
 * Example: down('redis', 'connect ECONNREFUSED') at t=0 gives "Redis is
 * unreachable (connect ECONNREFUSED) …", the same again at t=0.5 gives
 * undefined, up('redis') at t=1.4 gives "Redis is back after 1.4 s".
 */
export class OutageLog {
  private readonly downSince = new Map<Service, number>();

  constructor(private readonly now: () => number) {}

  isDown(service: Service): boolean {
    return this.downSince.has(service);
  }

  down(service: Service, reason: string): string | undefined {
    if (this.downSince.has(service)) return undefined;
    this.downSince.set(service, this.now());
    const consequence =
      service === 'redis'
        ? 'requests that need it answer 503 and jobs requested meanwhile are queued when it is back'
        : 'requests that need it answer 503 until it is back';
    return `${SERVICE_LABEL[service]} is unreachable (${reason.split('\n')[0].slice(0, 200)}): ${consequence}`;
  }

  up(service: Service): string | undefined {
    const since = this.downSince.get(service);
    if (since === undefined) return undefined;
    this.downSince.delete(service);
    return `${SERVICE_LABEL[service]} is back after ${((this.now() - since) / 1000).toFixed(1)} s`;
  }
}
