import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, type DatabaseError } from 'pg';
import { prepareMigrationScript } from './prepare-migration-script';

/**
 * The key `prisma migrate deploy` locks (pg_advisory_lock(72707369)). Sharing it
 * means this runner and a real Prisma deploy can never interleave either.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own DDL for its history table (schema-engine, Postgres flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export interface ApplyMigrationsOptions {
  /** A PostgreSQL URL. A `schema` query parameter is honoured as Prisma does (search_path). */
  connectionString: string;
  /** The folder of `<timestamp>_<name>/migration.sql` folders, usually prisma/migrations. */
  migrationsDir: string;
  /** Receives one line per event (waiting for the lock, applying, applied). */
  log?: (message: string) => void;
  /** How long to wait for another process that is applying migrations. Default 5 minutes. */
  lockTimeoutMs?: number;
}

export interface ApplyMigrationsResult {
  /** Folder names applied by this call, in order. */
  applied: string[];
  /** How many migrations the database already had. */
  alreadyApplied: number;
}

/** Why migrations could not be applied; `migration` names the folder when one is at fault. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    message: string,
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface MigrationFolder {
  name: string;
  file: string;
  content: string;
  checksum: string;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

/**
 * Applies the pending Prisma migrations in `migrationsDir` to the database, in
 * name order, each in its own transaction together with its `_prisma_migrations`
 * row, so a migration is either wholly applied and recorded or not at all. The
 * rows are what `prisma migrate deploy` writes, so Prisma's own tooling
 * recognises the history later.
 *
 * Safe to call from several processes at once: the first takes a Postgres
 * advisory lock and the others wait, then find nothing left to do.
 *
 * Refuses to run, changing nothing, when the history and the folder disagree: an
 * applied migration whose file has changed, a recorded migration whose folder is
 * missing, or a migration that a previous Prisma deploy left half-applied.
 *
 * @example
 *   await applyMigrations({ connectionString: process.env.DATABASE_URL!, migrationsDir: 'prisma/migrations' })
 *   // => { applied: ['20261128232308_init'], alreadyApplied: 0 }
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => undefined);
  const lockTimeoutMs = options.lockTimeoutMs ?? 5 * 60_000;
  const migrationsDir = path.resolve(options.migrationsDir);
  // Read the folder before connecting: a broken checkout should fail fast.
  const folders = await readMigrationFolders(migrationsDir);
  const { clientConfig, schema, display } = parseConnectionString(options.connectionString);

  const client = new Client(clientConfig);
  // An idle client whose server goes away emits 'error'; without a listener that kills the process.
  let connectionError: Error | undefined;
  client.on('error', (error: Error) => {
    connectionError = error;
  });
  client.on('notice', (notice) => {
    if (notice.message) log(`postgres: ${notice.message}`);
  });

  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`Cannot connect to PostgreSQL at ${display}: ${errorMessage(error)}`, undefined, {
      cause: error,
    });
  }

  try {
    await acquireLock(client, lockTimeoutMs, log);
    try {
      if (schema !== undefined) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      }
      await client.query(CREATE_MIGRATIONS_TABLE);
      const history = await readHistory(client);
      const pending = checkHistory(folders, history, migrationsDir);
      const alreadyApplied = folders.length - pending.length;

      if (pending.length === 0) {
        log(`Database is up to date (${alreadyApplied} migrations applied).`);
        return { applied: [], alreadyApplied };
      }
      warnAboutOutOfOrder(pending, history, log);

      const applied: string[] = [];
      for (const migration of pending) {
        await applyOne(client, migration, log);
        applied.push(migration.name);
      }
      log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`);
      return { applied, alreadyApplied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } catch (error) {
    if (connectionError && !(error instanceof MigrationError)) {
      throw new MigrationError(`Lost the connection to ${display}: ${connectionError.message}`, undefined, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------

async function readMigrationFolders(migrationsDir: string): Promise<MigrationFolder[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(`Cannot read the migrations folder ${migrationsDir}: ${errorMessage(error)}`, undefined, {
      cause: error,
    });
  }
  // Code-unit order, not locale order: the same on every machine.
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new MigrationError(`Migration folder ${name} has no readable migration.sql (${errorMessage(error)})`, name, { cause: error });
      }
      return { name, file, content: bytes.toString('utf8'), checksum: sha256Hex(bytes) };
    }),
  );
}

async function readHistory(client: Client): Promise<HistoryRow[]> {
  const { rows } = await client.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, started_at
       FROM _prisma_migrations
      ORDER BY started_at, migration_name`,
  );
  return rows;
}

/** Validates the recorded history against the folder and returns the migrations still to apply. */
function checkHistory(folders: MigrationFolder[], history: HistoryRow[], migrationsDir: string): MigrationFolder[] {
  // Prisma ignores rows marked rolled back: they are audit trail only.
  const live = history.filter((row) => row.rolled_back_at === null);

  const failed = live.filter((row) => row.finished_at === null);
  if (failed.length > 0) {
    const names = failed.map((row) => row.migration_name);
    throw new MigrationError(
      `The database records ${names.length === 1 ? 'a migration' : 'migrations'} that started but never finished: ` +
        `${names.join(', ')}. A previous \`prisma migrate deploy\` failed part-way; inspect the database, then ` +
        `mark ${names.length === 1 ? 'it' : 'each'} with \`prisma migrate resolve --rolled-back <name>\` ` +
        '(or --applied) before starting again.',
      names[0],
    );
  }

  const byName = new Map(folders.map((folder) => [folder.name, folder]));
  const missing = [...new Set(live.map((row) => row.migration_name).filter((name) => !byName.has(name)))];
  if (missing.length > 0) {
    throw new MigrationError(
      `The database has applied ${missing.length === 1 ? 'a migration' : 'migrations'} missing from ` +
        `${migrationsDir}: ${missing.join(', ')}. This code is older than the database, or a migration folder ` +
        'was renamed or deleted; deploy the code that has it, or restore the folder.',
      missing[0],
    );
  }

  const changed = live.filter((row) => !checksumMatches(byName.get(row.migration_name)!.content, row.checksum));
  if (changed.length > 0) {
    const names = [...new Set(changed.map((row) => row.migration_name))];
    throw new MigrationError(
      `${names.length === 1 ? 'A migration' : 'Migrations'} already applied to this database ` +
        `${names.length === 1 ? 'has' : 'have'} been edited since (checksum of migration.sql changed): ` +
        `${names.join(', ')}. Applied migrations must not change; restore the file and put the change ` +
        'in a new migration (npm run db:diff -- --name <snake_name>).',
      names[0],
    );
  }

  const applied = new Set(live.map((row) => row.migration_name));
  return folders.filter((folder) => !applied.has(folder.name));
}

function warnAboutOutOfOrder(pending: MigrationFolder[], history: HistoryRow[], log: (message: string) => void): void {
  const latest = history
    .filter((row) => row.rolled_back_at === null)
    .map((row) => row.migration_name)
    .sort()
    .at(-1);
  if (latest === undefined) return;
  const early = pending.filter((folder) => folder.name < latest).map((folder) => folder.name);
  if (early.length > 0) {
    log(
      `Warning: ${early.join(', ')} sort${early.length === 1 ? 's' : ''} before the latest applied migration ` +
        `(${latest}); applying anyway, as prisma migrate deploy would. Check that the branches were merged deliberately.`,
    );
  }
}

async function acquireLock(client: Client, timeoutMs: number, log: (message: string) => void): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
  if (rows[0]?.locked) return;

  log('Another process is applying migrations; waiting for it to finish.');
  // lock_timeout bounds the wait for advisory locks too; reset straight after
  // so that it does not apply to the migrations themselves.
  await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    if (isDatabaseError(error) && error.code === '55P03') {
      throw new MigrationError(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the migration lock ` +
          `(pg_advisory_lock(${MIGRATION_LOCK_KEY})). Another process is still migrating, or a stale ` +
          `session holds the lock: SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${MIGRATION_LOCK_KEY}`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await client.query('RESET lock_timeout').catch(() => undefined);
  }
}

async function applyOne(client: Client, migration: MigrationFolder, log: (message: string) => void): Promise<void> {
  let script: string;
  try {
    const prepared = prepareMigrationScript(migration.content);
    script = prepared.sql;
    if (prepared.foldedStatements > 0) {
      log(`${migration.name}: its own BEGIN/COMMIT run inside the runner's transaction for this migration.`);
    }
  } catch (error) {
    throw new MigrationError(`Cannot apply migration ${migration.name}: ${errorMessage(error)}`, migration.name, {
      cause: error,
    });
  }

  log(`Applying migration ${migration.name}`);
  const startedAt = new Date();
  try {
    await client.query('BEGIN');
    // One simple-protocol query: the whole file, several statements, no parameters.
    await client.query(script);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back; nothing of it was applied.\n` +
        describePostgresError(error, script, migration.file),
      migration.name,
      { cause: error },
    );
  }
  log(`Applied ${migration.name} in ${Date.now() - startedAt.getTime()} ms`);
}

// ---------------------------------------------------------------------------

/**
 * Prisma's comparison (schema-engine checksum.rs): line-ending agnostic, so a
 * checkout with CRLF still matches, and tolerant of the non-zero-padded hex
 * that old engines wrote.
 */
function checksumMatches(content: string, recorded: string): boolean {
  const variants = [content, content.replace(/\r\n/g, '\n'), content.replace(/\n/g, '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const rendered =
      recorded.length === 64 || recorded.length === 0 ? digest.toString('hex') : Array.from(digest, (byte) => byte.toString(16)).join('');
    return rendered === recorded;
  });
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseConnectionString(connectionString: string): {
  clientConfig: { connectionString: string };
  schema: string | undefined;
  display: string;
} {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Not a URL (for example key=value form): hand it to pg as it is.
    return { clientConfig: { connectionString }, schema: undefined, display: 'the configured database' };
  }
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  const display = `${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  return { clientConfig: { connectionString: url.toString() }, schema: schema || undefined, display };
}

function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function isDatabaseError(error: unknown): error is DatabaseError {
  return typeof error === 'object' && error !== null && 'code' in error && 'severity' in error;
}

function describePostgresError(error: unknown, script: string, file: string): string {
  if (!isDatabaseError(error)) return errorMessage(error);
  const parts = [`PostgreSQL error ${error.code ?? ''}: ${error.message}`.replace('  ', ' ')];
  if (error.position) {
    const offset = Number(error.position) - 1;
    const line = script.slice(0, offset).split('\n').length;
    parts.push(`at ${file}:${line}`);
  }
  if (error.detail) parts.push(`Detail: ${error.detail}`);
  if (error.hint) parts.push(`Hint: ${error.hint}`);
  if (error.where) parts.push(`Where: ${error.where}`);
  return parts.join('\n');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
