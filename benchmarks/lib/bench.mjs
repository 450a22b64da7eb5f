// What every benchmark under benchmarks/*/run.mjs starts with, in one place:
// the repository's paths, the command line, the compiled API, an embedded
// PostgreSQL of its own, a timer and the machine it ran on (with the load
// average, since these machines are shared and a ratio means little without it).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A `require` that resolves packages (pg, ...) and dist/ files as the repository's own scripts do. */
export const require = createRequire(import.meta.url);

/** The command line: `flag('runs', 3)` reads `--runs 5` as a number; `option('only')` reads `--only x` as text (null when absent). */
export function cli(args = process.argv.slice(2)) {
  const at = (name) => args.indexOf(`--${name}`);
  return {
    args,
    flag: (name, fallback) => (at(name) >= 0 ? Number(args[at(name) + 1]) : fallback),
    option: (name) => (at(name) >= 0 ? args[at(name) + 1] : null),
  };
}

/** `[bench:name] line` on stdout. */
export const logger = (name) => (line) => console.log(`[bench:${name}] ${line}`);

/**
 * Compiles the API when its sources changed (scripts/build.mjs) and registers
 * the path aliases, so `dist(...)` can load any compiled module. Returns the
 * path of the API's main.js, for benchmarks that start it as a process.
 */
export async function loadApi() {
  const { buildApi } = await import('../../scripts/build.mjs');
  const mainJs = await buildApi();
  require(path.join(repoRoot, 'dist/apps/api/src/register-aliases.js'));
  return mainJs;
}

/** A compiled module of the repository, by its path under dist/ (after loadApi). */
export const dist = (file) => require(path.join(repoRoot, 'dist', file));

/** Milliseconds an async function took, with its result. */
export async function time(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/**
 * An embedded PostgreSQL whose data stays under tmp/<name>/ (so a second run
 * can reuse what the first generated), with a connected `pg` client (its
 * session's work_mem set when `workMem` is given) and the migrations applied.
 */
export async function openBenchDatabase(name, { migrate = true, workMem } = {}) {
  const { startEmbeddedPostgres } = dist('apps/api/src/core/local-services/index.js');
  const { applyMigrations } = dist('libs/db/src/index.js');
  const { Client } = require('pg');
  const dataDir = path.join(repoRoot, 'tmp', name);
  fs.mkdirSync(dataDir, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  const db = new Client({ connectionString: pg.url });
  await db.connect();
  if (workMem) await db.query(`SET work_mem = '${workMem}'`);
  if (migrate) await applyMigrations({ connectionString: pg.url, migrationsDir: path.join(repoRoot, 'prisma/migrations') });
  return { dataDir, pg, db };
}

/**
 * Runs `load` with `table`'s secondary indexes dropped, then builds them
 * again: a bulk load is far faster than maintaining them row by row.
 */
export async function withoutIndexes(db, table, load) {
  const indexes = (
    await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND indexname <> $2`, [table, `${table}_pkey`])
  ).rows;
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  await load();
  for (const index of indexes) await db.query(index.indexdef);
}

/** Cores, CPU, Node, the PostgreSQL version when a client is given, and the 1-minute load average now. */
export async function machineInfo(db) {
  return {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    ...(db ? { postgres: (await db.query('SHOW server_version')).rows[0].server_version } : {}),
    load: os.loadavg()[0].toFixed(1),
  };
}

/** The machine in one line, for the console and the docs. */
export function machineLine(machine) {
  const pg = machine.postgres ? `, PostgreSQL ${machine.postgres}` : '';
  return `${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}${pg}, load average ${machine.load}`;
}

/** A TCP port nobody listens on now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Today's date as YYYY-MM-DD, for "measured on" lines. */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * A scratch database named `<prefix>_<random>`, migrated, on DATABASE_URL's
 * server or (without it) on an embedded PostgreSQL under tmp/bench-import/pg.
 * `drop()` removes the database and stops the embedded server.
 */
export async function openScratchDatabase(prefix) {
  const { startEmbeddedPostgres } = dist('apps/api/src/core/local-services/index.js');
  const { applyMigrations } = dist('libs/db/src/index.js');
  const { Client } = require('pg');
  const { randomBytes } = await import('node:crypto');
  let serverUrl = process.env.DATABASE_URL;
  let embedded = null;
  if (!serverUrl) {
    const workDir = path.join(repoRoot, 'tmp/bench-import');
    fs.mkdirSync(workDir, { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), log: () => undefined });
    serverUrl = embedded.url;
  }
  const dbName = `${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    if (embedded) await embedded.stop();
  };
  try {
    await applyMigrations({ connectionString: dbUrl, migrationsDir: path.join(repoRoot, 'prisma/migrations') });
  } catch (error) {
    await drop();
    throw error;
  }
  return { dbUrl, embedded: embedded !== null, drop };
}

/** One JSON request to the API under benchmark, for every benchmark that drives it over HTTP: a status of 300 or more throws with the body, so a failed step stops the run. */
export async function callApi(base, method, url, token, body) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}
