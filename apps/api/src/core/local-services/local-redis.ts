/**
 * A local redis-server for the default path where REDIS_URL is not set.
 *
 * Layout under `dataDir`: `redis/` is the server's --dir (appendonly files,
 * so queued BullMQ jobs survive a restart; RDB snapshots off with --save ""),
 * `redis/redis.log` its output, `redis/redis.pid` its pid, and
 * `redis.owner.json` which Node process runs it.
 *
 * It runs as a child process of ours (`--daemonize no`), supervised: started
 * again on the same port when it dies (supervised-process.ts), in its own process
 * group, bound to 127.0.0.1 on a free port (never 6379), without a password
 * (protected mode stays on; only local clients can reach it). Stopping sends
 * SIGTERM, which redis treats like SHUTDOWN: it flushes the append-only file
 * and exits. Lifecycle on exit, signals and SIGKILL: see process-utils.ts.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { findFreePort } from './free-port';
import { defaultLog, findProcesses, pidFileProcess, stopForeignProcess, type LocalService, type LocalServiceLog } from './process-utils';
import type { RestartPolicy } from './restart-backoff';
import { asLocalService, startOwned, startSupervisedProcess } from './supervised-process';
import { aptInstall, findExecutable, isRoot } from './system';

export interface StartLocalRedisOptions {
  /** The Crosslane data folder; redis keeps its files in `<dataDir>/redis`. */
  dataDir: string;
  log?: LocalServiceLog;
  /** How a redis-server that died is started again (default: 200 ms doubling to 30 s). */
  restartPolicy?: RestartPolicy;
}

export interface LocalRedis extends LocalService {
  /** redis://127.0.0.1:<port> */
  url: string;
}

const START_TIMEOUT_MS = 30_000;
const SEARCH_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];

export const REDIS_INSTALL_HINT =
  'Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu; other systems: your ' +
  'package manager, e.g. `brew install redis`), or set REDIS_URL to a running Redis, ' +
  'e.g. REDIS_URL=redis://127.0.0.1:6379.';

/** The redis-server executable (PATH, /usr/bin, /usr/sbin, /usr/local/bin). */
export function findRedisServer(): string | undefined {
  return findExecutable('redis-server', SEARCH_DIRS);
}

/** Finds redis-server, installing it with apt-get when missing and root. */
export async function ensureRedisServer(log: LocalServiceLog = defaultLog): Promise<string> {
  const found = findRedisServer();
  if (found) return found;
  if (!isRoot() || !findExecutable('apt-get', ['/usr/bin'])) {
    throw new Error(`redis-server is not installed. ${REDIS_INSTALL_HINT}`);
  }
  log('redis-server is not installed: installing it with apt-get');
  await aptInstall(['redis-server'], log);
  const installed = findRedisServer();
  if (!installed) throw new Error(`apt-get installed redis-server but it cannot be found. ${REDIS_INSTALL_HINT}`);
  return installed;
}

/** Sends PING on a raw socket; resolves with the first reply line. */
function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(reply.split('\r\n')[0] ?? '');
    };
    socket.setTimeout(1_000, () => done(new Error('timeout')));
    socket.once('error', done);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done();
    });
  });
}

/** Stops a redis-server left running on this folder by a run that was killed. */
async function clearStaleRedis(redisServer: string, redisDir: string, pidFile: string, log: LocalServiceLog): Promise<void> {
  const pids = new Set(findProcesses(redisServer, redisDir));
  const running = pidFileProcess(pidFile);
  if (running && running.cwd === redisDir) pids.add(running.pid);
  for (const pid of pids) {
    log(`stopping a redis-server (pid ${pid}) left running by an earlier run`);
    await stopForeignProcess(pid, [['SIGTERM', 10_000]]);
  }
  fs.rmSync(pidFile, { force: true });
}

/**
 * Starts redis-server on a free port of 127.0.0.1 with its files in
 * `<dataDir>/redis`, waits until it answers PING, and keeps it running: when
 * it dies it is started again on the same port (supervised-process.ts), and
 * the append-only file brings back what it held. Installs redis-server with
 * apt-get first when it is missing and we are root; otherwise throws an
 * error that says how to install it or to set REDIS_URL.
 */
export async function startLocalRedis(options: StartLocalRedisOptions): Promise<LocalRedis> {
  const log = options.log ?? defaultLog;
  const startedAt = Date.now();
  const redisServer = await ensureRedisServer(log);

  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const dataDir = fs.realpathSync(options.dataDir);
  const redisDir = path.join(dataDir, 'redis');
  fs.mkdirSync(redisDir, { recursive: true, mode: 0o700 });
  const pidFile = path.join(redisDir, 'redis.pid');
  const logFile = path.join(redisDir, 'redis.log');
  const ownerFile = path.join(dataDir, 'redis.owner.json');

  return startOwned(ownerFile, 'The local redis-server', async (ownership) => {
    await clearStaleRedis(redisServer, redisDir, pidFile, log);
    const redis = await startSupervisedProcess({
      name: 'redis-server',
      command: redisServer,
      args: (port) => [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--protected-mode',
        'yes',
        '--daemonize',
        'no',
        '--dir',
        redisDir,
        '--pidfile',
        pidFile,
        '--appendonly',
        'yes',
        '--save',
        '',
      ],
      cwd: redisDir,
      logFile,
      choosePort: findFreePort,
      readiness: {
        // "-LOADING …" while it replays the append-only file: not yet
        probe: async (port) => (await ping(port)) === '+PONG',
        timeoutMs: START_TIMEOUT_MS,
        pollMs: 50,
        retryOnExit: /already in use|could not create server tcp listening socket/i,
      },
      stopSignals: [['SIGTERM', 15_000]], // = SHUTDOWN: flushes the AOF
      ...ownership,
      log,
      policy: options.restartPolicy,
    });
    log(`redis-server ready on 127.0.0.1:${redis.port} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (data: ${redisDir})`);
    return asLocalService(`redis://127.0.0.1:${redis.port}`, redis);
  });
}
