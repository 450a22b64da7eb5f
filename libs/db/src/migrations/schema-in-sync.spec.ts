import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../../..');

/** Runs `node scripts/db-diff.mjs --check` and returns its exit code and output. */
function checkSchema(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'scripts', 'db-diff.mjs'), '--check'],
      { cwd: ROOT, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr: stderr || (error && code === -1 ? error.message : '') });
      },
    );
  });
}

describe('prisma/schema.prisma', () => {
  it('is fully described by prisma/migrations', async () => {
    const { code, stdout, stderr } = await checkSchema();
    // Exit 1: out of sync. stderr holds the pending SQL and the command that writes it.
    if (code === 1) throw new Error(stderr.trim());
    expect(code, `db-diff --check could not run:\n${stderr}\n${stdout}`).toBe(0);
  }, 120_000);
});
