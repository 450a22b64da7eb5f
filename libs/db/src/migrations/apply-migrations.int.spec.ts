import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations';

// A real PostgreSQL server; the workspace's global test setup provides one.
const SERVER_URL = process.env.CROSSLANE_TEST_PG_URL;
const REPO_MIGRATIONS = path.resolve(__dirname, '../../../../prisma/migrations');
const DATABASE = `crosslane_mig_spec_${process.pid}_${randomBytes(4).toString('hex')}`;

let db: Client;
let databaseUrl: URL;
let tempRoot: string;
let schemaCounter = 0;

/** Each test migrates its own schema of the spec's database, so tests cannot see each other. */
function freshSchema(): { schema: string; connectionString: string } {
  const schema = `t${++schemaCounter}_${randomBytes(2).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('schema', schema);
  return { schema, connectionString: url.toString() };
}

async function tableExists(schema: string, table: string): Promise<boolean> {
  const { rows } = await db.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [`"${schema}"."${table}"`]);
  return rows[0].oid !== null;
}

async function history(schema: string) {
  const { rows } = await db.query<{
    id: string;
    checksum: string;
    finished_at: Date | null;
    migration_name: string;
    logs: string | null;
    rolled_back_at: Date | null;
    started_at: Date;
    applied_steps_count: number;
  }>(`SELECT * FROM "${schema}"._prisma_migrations ORDER BY started_at, migration_name`);
  return rows;
}

async function migrationFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Writes a migrations folder: { '001_name': 'SQL', ... }. */
async function writeMigrations(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tempRoot, 'migrations-'));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

beforeAll(async () => {
  if (!SERVER_URL) {
    throw new Error(
      'CROSSLANE_TEST_PG_URL is not set. The workspace test setup sets it to the PostgreSQL it starts; ' +
        'to run this spec alone, point it at a server: ' +
        'CROSSLANE_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres npx vitest run libs/db',
    );
  }
  const server = new Client({ connectionString: SERVER_URL });
  await server.connect();
  try {
    await server.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await server.end();
  }
  databaseUrl = new URL(SERVER_URL);
  databaseUrl.pathname = `/${DATABASE}`;
  db = new Client({ connectionString: databaseUrl.toString() });
  await db.connect();
  tempRoot = await mkdtemp(path.join(os.tmpdir(), 'crosslane-migrations-spec-'));
});

afterAll(async () => {
  await db?.end();
  if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
  if (!SERVER_URL) return;
  const server = new Client({ connectionString: SERVER_URL });
  await server.connect();
  try {
    await server.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  } finally {
    await server.end();
  }
});

describe('applyMigrations', () => {
  it('applies every migration in prisma/migrations in order and records each as Prisma does', async () => {
    const { schema, connectionString } = freshSchema();
    const folders = await migrationFolders(REPO_MIGRATIONS);
    expect(folders.length).toBeGreaterThan(0);

    const result = await applyMigrations({ connectionString, migrationsDir: REPO_MIGRATIONS });

    expect(result).toEqual({ applied: folders, alreadyApplied: 0 });
    for (const table of ['account', 'partner', 'member', 'item', 'interaction', 'audit_event', 'job_run']) {
      expect(await tableExists(schema, table), table).toBe(true);
    }
    const rows = await history(schema);
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const file = await readFile(path.join(REPO_MIGRATIONS, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // The layout prisma migrate deploy expects (schema-engine's CREATE TABLE _prisma_migrations).
    const { rows: columns } = await db.query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
      [schema],
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it('does nothing on a second run', async () => {
    const { schema, connectionString } = freshSchema();
    const folders = await migrationFolders(REPO_MIGRATIONS);
    await applyMigrations({ connectionString, migrationsDir: REPO_MIGRATIONS });
    const before = await history(schema);

    const second = await applyMigrations({ connectionString, migrationsDir: REPO_MIGRATIONS });

    expect(second).toEqual({ applied: [], alreadyApplied: folders.length });
    expect(await history(schema)).toEqual(before);
  });

  it('applies each migration once when several processes start together', async () => {
    const { schema, connectionString } = freshSchema();
    const folders = await migrationFolders(REPO_MIGRATIONS);

    // Separate connections, as separate API and worker processes would have.
    const results = await Promise.all(
      Array.from({ length: 4 }, () => applyMigrations({ connectionString, migrationsDir: REPO_MIGRATIONS })),
    );

    const winners = results.filter((result) => result.applied.length > 0);
    expect(winners).toEqual([{ applied: folders, alreadyApplied: 0 }]);
    for (const result of results.filter((r) => r.applied.length === 0)) {
      expect(result).toEqual({ applied: [], alreadyApplied: folders.length });
    }
    expect((await history(schema)).map((row) => row.migration_name)).toEqual(folders);
  });

  it('refuses, changing nothing, when an applied migration was edited', async () => {
    const { schema, connectionString } = freshSchema();
    const dir = await writeMigrations({
      '001_create_a': 'CREATE TABLE a (id int);\n',
      '002_create_b': 'CREATE TABLE b (id int);\n',
    });
    await applyMigrations({ connectionString, migrationsDir: dir });
    await writeFile(path.join(dir, '001_create_a', 'migration.sql'), 'CREATE TABLE a (id bigint);\n');
    await mkdir(path.join(dir, '003_create_c'));
    await writeFile(path.join(dir, '003_create_c', 'migration.sql'), 'CREATE TABLE c (id int);\n');

    await expect(applyMigrations({ connectionString, migrationsDir: dir })).rejects.toThrow(
      /001_create_a.*must not change|edited.*001_create_a/s,
    );
    expect(await tableExists(schema, 'c')).toBe(false);
    expect((await history(schema)).map((row) => row.migration_name)).toEqual(['001_create_a', '002_create_b']);
  });

  it('accepts an applied migration whose line endings changed, as Prisma does', async () => {
    const { connectionString } = freshSchema();
    const dir = await writeMigrations({ '001_create_a': 'CREATE TABLE a (id int);\nCREATE TABLE a2 (id int);\n' });
    await applyMigrations({ connectionString, migrationsDir: dir });
    // A Windows checkout with core.autocrlf.
    await writeFile(path.join(dir, '001_create_a', 'migration.sql'), 'CREATE TABLE a (id int);\r\nCREATE TABLE a2 (id int);\r\n');

    await expect(applyMigrations({ connectionString, migrationsDir: dir })).resolves.toEqual({
      applied: [],
      alreadyApplied: 1,
    });
  });

  it('refuses when the database has applied a migration the folder lacks', async () => {
    const { connectionString } = freshSchema();
    const dir = await writeMigrations({
      '001_create_a': 'CREATE TABLE a (id int);\n',
      '002_create_b': 'CREATE TABLE b (id int);\n',
    });
    await applyMigrations({ connectionString, migrationsDir: dir });
    await rm(path.join(dir, '002_create_b'), { recursive: true });

    await expect(applyMigrations({ connectionString, migrationsDir: dir })).rejects.toThrow(/missing from .*002_create_b/s);
  });

  it('rolls a failing migration back whole and names it with the PostgreSQL error', async () => {
    const { schema, connectionString } = freshSchema();
    const dir = await writeMigrations({
      '001_ok': 'CREATE TABLE ok_table (id int);\n',
      '002_broken':
        'CREATE TABLE half_done (id int);\n' + 'INSERT INTO half_done VALUES (1);\n' + 'INSERT INTO no_such_table VALUES (1);\n',
      '003_later': 'CREATE TABLE later (id int);\n',
    });

    const failure = applyMigrations({ connectionString, migrationsDir: dir });

    await expect(failure).rejects.toThrow(/002_broken/);
    await expect(failure).rejects.toThrow(/relation "no_such_table" does not exist/);
    await expect(failure).rejects.toThrow(/002_broken[/\\]migration\.sql:3/);
    expect(await tableExists(schema, 'ok_table')).toBe(true);
    expect(await tableExists(schema, 'half_done')).toBe(false);
    expect(await tableExists(schema, 'later')).toBe(false);
    expect((await history(schema)).map((row) => row.migration_name)).toEqual(['001_ok']);

    // Once fixed, the next start carries on from where it stopped.
    await writeFile(path.join(dir, '002_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\n');
    await expect(applyMigrations({ connectionString, migrationsDir: dir })).resolves.toEqual({
      applied: ['002_broken', '003_later'],
      alreadyApplied: 1,
    });
  });

  it('records a migration in the same transaction that applies it', async () => {
    const { schema, connectionString } = freshSchema();
    // The script succeeds; recording it then fails. Its effects must not outlive the failure.
    const dir = await writeMigrations({
      '001_then_history_fails':
        'CREATE TABLE side_effect (id int);\n' +
        "CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history is read-only'; END $$;\n" +
        'CREATE TRIGGER refuse_history BEFORE INSERT ON _prisma_migrations\n' +
        '  FOR EACH ROW EXECUTE FUNCTION refuse_history();\n',
    });

    await expect(applyMigrations({ connectionString, migrationsDir: dir })).rejects.toThrow(/history is read-only/);

    expect(await tableExists(schema, 'side_effect')).toBe(false);
    expect(await history(schema)).toEqual([]);
  });

  it("keeps a migration with Prisma's own BEGIN/COMMIT block atomic", async () => {
    const { schema, connectionString } = freshSchema();
    // The shape Prisma writes when an enum loses a value, followed by a failing step.
    const dir = await writeMigrations({
      '001_enum_and_more':
        "CREATE TYPE \"Role\" AS ENUM ('A', 'B');\n" +
        '-- AlterEnum\n' +
        'BEGIN;\n' +
        'CREATE TYPE "Role_new" AS ENUM (\'A\');\n' +
        'ALTER TYPE "Role" RENAME TO "Role_old";\n' +
        'ALTER TYPE "Role_new" RENAME TO "Role";\n' +
        'DROP TYPE "Role_old";\n' +
        'COMMIT;\n' +
        'CREATE TABLE after_block (id int);\n' +
        'SELECT 1 / 0;\n',
    });

    await expect(applyMigrations({ connectionString, migrationsDir: dir })).rejects.toThrow(/division by zero/);

    const { rows } = await db.query('SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE nspname = $1', [
      schema,
    ]);
    expect(rows.map((row) => row.typname).filter((name: string) => name.startsWith('Role'))).toEqual([]);
    expect(await tableExists(schema, 'after_block')).toBe(false);
    expect(await history(schema)).toEqual([]);
  });
});
