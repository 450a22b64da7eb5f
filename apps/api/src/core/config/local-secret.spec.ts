import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from './app-config';
import { resolveLocalSecret, type LocalSecret } from './local-secret';

/** A warn that must not be called: these cases have nothing to warn about. */
const noWarning = (message: string) => {
  throw new Error(`unexpected warning: ${message}`);
};

const SECRET: Omit<LocalSecret, 'value'> = { variable: 'CROSSLANE_TEST_SECRET', fileName: 'test-secret', sharedBy: 'every test process' };

describe('resolveLocalSecret: the environment, else one generated into the data folder', () => {
  const folders: string[] = [];
  const configIn = (sharedDeployment: boolean) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-secret-'));
    folders.push(dataDir);
    return { dataDir, sharedDeployment } as AppConfig;
  };
  afterEach(() => folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

  it("takes the environment's value and writes nothing", () => {
    const config = configIn(true);
    const value = 'x'.repeat(32);
    expect(resolveLocalSecret(config, { ...SECRET, value }, noWarning)).toBe(value);
    expect(fs.readdirSync(config.dataDir)).toEqual([]);
  });

  it('refuses a value under 32 characters, naming the variable', () => {
    expect(() => resolveLocalSecret(configIn(false), { ...SECRET, value: 'x'.repeat(31) }, noWarning)).toThrow(
      'CROSSLANE_TEST_SECRET must be at least 32 characters',
    );
  });

  it('generates one once, keeps it readable by its owner only and answers the same after a restart', () => {
    const config = configIn(false);
    const warnings: string[] = [];
    const first = resolveLocalSecret(config, { ...SECRET, value: undefined }, (m) => warnings.push(m));
    const file = path.join(config.dataDir, 'test-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveLocalSecret(config, { ...SECRET, value: undefined }, (m) => warnings.push(m))).toBe(first);
    expect(warnings).toEqual([]);
  });

  it('warns a shared deployment that its processes would each generate their own', () => {
    const warnings: string[] = [];
    resolveLocalSecret(configIn(true), { ...SECRET, value: undefined }, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^CROSSLANE_TEST_SECRET is not set: generated one in .*test-secret; set it for every test process$/);
  });
});
