import { isIP } from 'node:net';
import path from 'node:path';
import { parsePinnedNow } from '../clock/clock';
import { transportSecurity, type TransportSecurity } from './transport-security';

export type ProcessRole = 'api' | 'worker' | 'all';

/** Everything the process reads from its environment, read once at start. */
export interface AppConfig {
  role: ProcessRole;
  port: number;
  host: string;
  /** Loopback HTTP, HTTPS with CROSSLANE_TLS_CERT/KEY, or HTTP behind a declared TLS proxy (transportSecurity). Null for a worker, which listens nowhere. */
  transport: TransportSecurity | null;
  /** Set when the operator points at a server; otherwise an embedded Postgres is started. */
  databaseUrl: string | undefined;
  /** True when DATABASE_URL named a server: a shared deployment, where generated secrets would differ per machine. */
  sharedDeployment: boolean;
  /** Set when the operator points at a server; otherwise a local redis-server is started. */
  redisUrl: string | undefined;
  /** Keeps BullMQ keys of several deployments (or test runs) apart on one Redis. */
  queuePrefix: string;
  dataDir: string;
  jwtSecret: string | undefined;
  jwtTtlSeconds: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  corsOrigins: string[];
  /**
   * The proxies whose X-Forwarded-For is believed (CROSSLANE_TRUSTED_PROXIES: IPs and CIDRs).
   * Empty: the client address is the socket's, whatever the headers say.
   */
  trustedProxies: string[];
  dashboardDir: string;
  loadDemoWorld: boolean;
  /** After loading, add agreements, profiles, segments and a first model (CROSSLANE_DEMO_COMPLETE=false skips it). */
  completeDemoWorld: boolean;
  /** Size of the demo world; tests use a small one. */
  demoWorldMembers: number;
  jobLockMs: number;
  /** Members erased per transaction by erase-members (CROSSLANE_ERASURE_BATCH, default 5000): a crash redoes at most one batch. */
  erasureBatch: number;
  workerConcurrency: number;
  /** Uploads above this many megabytes are refused with 413 (CROSSLANE_MAX_UPLOAD_MB, default 100). */
  maxUploadMb: number;
  /** Built partner files are dropped this many days after they are finished (CROSSLANE_EXPORT_RETENTION_DAYS, default 30). */
  exportRetentionDays: number;
  /** Where the public reference datasets live (CROSSLANE_DATASETS_DIR, default `datasets/` in the repository). */
  datasetsDir: string;
  /** CROSSLANE_NOW: the instant the clock is pinned to (tests, demos); unset, the system clock (see core/clock). */
  pinnedNow: Date | undefined;
  /** Nest log levels: CROSSLANE_LOG_LEVEL=warn keeps only warnings and errors. */
  logLevels: ('error' | 'warn' | 'log' | 'debug')[];
  repoRoot: string;
}

const ROLES: ProcessRole[] = ['api', 'worker', 'all'];

export function readAppConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = findRepoRoot()): AppConfig {
  const role = (env.CROSSLANE_ROLE ?? 'all') as ProcessRole;
  if (!ROLES.includes(role)) {
    throw new Error(`CROSSLANE_ROLE must be one of ${ROLES.join(', ')}; got "${env.CROSSLANE_ROLE}"`);
  }
  return {
    role,
    port: env.PORT === '0' ? 0 : positiveInt(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    transport:
      role === 'worker'
        ? null
        : transportSecurity({
            host: env.HOST ?? '127.0.0.1',
            tlsCert: env.CROSSLANE_TLS_CERT,
            tlsKey: env.CROSSLANE_TLS_KEY,
            behindTlsProxy: env.CROSSLANE_BEHIND_TLS_PROXY,
          }),
    databaseUrl: env.DATABASE_URL || undefined,
    sharedDeployment: Boolean(env.DATABASE_URL),
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.CROSSLANE_QUEUE_PREFIX ?? 'crosslane',
    dataDir: path.resolve(env.CROSSLANE_DATA_DIR ?? path.join(repoRoot, '.crosslane-data')),
    jwtSecret: env.CROSSLANE_JWT_SECRET || undefined,
    jwtTtlSeconds: positiveInt(env.CROSSLANE_JWT_TTL_SECONDS, 8 * 3600, 'CROSSLANE_JWT_TTL_SECONDS'),
    adminEmail: env.CROSSLANE_ADMIN_EMAIL || undefined,
    adminPassword: env.CROSSLANE_ADMIN_PASSWORD || undefined,
    corsOrigins: (env.CROSSLANE_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustedProxies: trustedProxiesFrom(env.CROSSLANE_TRUSTED_PROXIES),
    dashboardDir: path.resolve(env.CROSSLANE_DASHBOARD_DIR ?? path.join(repoRoot, 'dist', 'apps', 'dashboard')),
    loadDemoWorld: (env.CROSSLANE_DEMO_WORLD ?? 'true') !== 'false',
    completeDemoWorld: (env.CROSSLANE_DEMO_COMPLETE ?? 'true') !== 'false',
    demoWorldMembers: positiveInt(env.CROSSLANE_DEMO_MEMBERS, 4000, 'CROSSLANE_DEMO_MEMBERS'),
    jobLockMs: positiveInt(env.CROSSLANE_JOB_LOCK_MS, 30_000, 'CROSSLANE_JOB_LOCK_MS'),
    erasureBatch: positiveInt(env.CROSSLANE_ERASURE_BATCH, 5000, 'CROSSLANE_ERASURE_BATCH'),
    workerConcurrency: positiveInt(env.CROSSLANE_WORKER_CONCURRENCY, 2, 'CROSSLANE_WORKER_CONCURRENCY'),
    maxUploadMb: positiveInt(env.CROSSLANE_MAX_UPLOAD_MB, 100, 'CROSSLANE_MAX_UPLOAD_MB'),
    exportRetentionDays: positiveInt(env.CROSSLANE_EXPORT_RETENTION_DAYS, 30, 'CROSSLANE_EXPORT_RETENTION_DAYS'),
    datasetsDir: path.resolve(env.CROSSLANE_DATASETS_DIR || path.join(repoRoot, 'datasets')),
    pinnedNow: parsePinnedNow(env.CROSSLANE_NOW),
    logLevels: logLevelsFrom(env.CROSSLANE_LOG_LEVEL ?? 'log'),
    repoRoot,
  };
}

export function runsHttp(config: AppConfig): boolean {
  return config.role === 'api' || config.role === 'all';
}

export function runsWorkers(config: AppConfig): boolean {
  return config.role === 'worker' || config.role === 'all';
}

/**
 * Parses CROSSLANE_TRUSTED_PROXIES. Only addresses and CIDR ranges: a name
 * such as "loopback" or a typo must not quietly widen whom the API believes.
 */
export function trustedProxiesFrom(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsValid = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || rest.length > 0 || !bitsValid) {
      throw new Error(
        `CROSSLANE_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas (e.g. "10.0.0.5,10.1.0.0/16"); "${entry}" is neither`,
      );
    }
  }
  return entries;
}

function logLevelsFrom(level: string): AppConfig['logLevels'] {
  const order: AppConfig['logLevels'] = ['error', 'warn', 'log', 'debug'];
  const index = order.indexOf(level as AppConfig['logLevels'][number]);
  if (index < 0) throw new Error(`CROSSLANE_LOG_LEVEL must be one of ${order.join(', ')}; got "${level}"`);
  return order.slice(0, index + 1);
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer; got "${raw}"`);
  return value;
}

/** The repository root: where package.json and prisma/ live, from source or from dist/. */
function findRepoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (require('node:fs').existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const APP_CONFIG = Symbol('APP_CONFIG');
