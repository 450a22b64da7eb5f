import path from 'node:path';

/**
 * The Crosslane data folder: CROSSLANE_DATA_DIR when set (relative to the
 * current directory), else `<repoRoot>/.crosslane-data` (git-ignored).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, repoRoot: string = process.cwd()): string {
  const configured = env.CROSSLANE_DATA_DIR?.trim();
  return configured ? path.resolve(configured) : path.join(repoRoot, '.crosslane-data');
}
