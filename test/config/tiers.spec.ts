import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const SPEC = /\.(spec\.tsx?|e2e\.ts|test\.tsx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.nx', 'tmp', '.git', '.crosslane-data', 'generated']);

function specFiles(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) specFiles(path.join(dir, entry.name), found);
    } else if (SPEC.test(entry.name)) found.push(path.relative(root, path.join(dir, entry.name)));
  }
  return found;
}

/** What Vitest itself would run, per project: its own answer, not a copy of the globs. */
function listedByVitest(): { file: string; projectName: string }[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-')), 'list.json');
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'list', '--filesOnly', `--json=${out}`], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(fs.readFileSync(out, 'utf8')) as { file: string; projectName: string }[]).map((e) => ({
    ...e,
    file: path.relative(root, e.file),
  }));
}

describe('test tiers', () => {
  const listed = listedByVitest();

  it('runs every spec in the tree in exactly one tier: a file no project matches would be skipped in silence', () => {
    const tiersOf = new Map<string, string[]>();
    for (const { file, projectName } of listed) tiersOf.set(file, [...(tiersOf.get(file) ?? []), projectName]);
    const orphans = specFiles(root).filter((file) => !tiersOf.has(file));
    const twice = [...tiersOf].filter(([, tiers]) => tiers.length > 1);
    expect(orphans).toEqual([]);
    expect(twice).toEqual([]);
  });

  it('names a tier by what a spec touches: jobs in "jobs", real databases in "integration"', () => {
    for (const { file, projectName } of listed) {
      if (file.endsWith('.job.spec.ts')) expect([file, projectName]).toEqual([file, 'jobs']);
      if (file.endsWith('.int.spec.ts')) expect([file, projectName]).toEqual([file, 'integration']);
    }
    expect(new Set(listed.map((e) => e.projectName))).toEqual(
      new Set(['domain', 'api', 'jobs', 'integration', 'config', 'dashboard', 'e2e']),
    );
  });
});
