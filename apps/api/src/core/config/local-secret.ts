import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './app-config';

/** A secret the environment should give, and where a one-machine start keeps its own. */
export interface LocalSecret {
  /** The environment variable that sets it, named in errors and warnings. */
  variable: string;
  /** Its value from the environment, if any. */
  value: string | undefined;
  /** The file under the data folder a generated one is kept in. */
  fileName: string;
  /** Who must share the variable when several processes run (ends the warning). */
  sharedBy: string;
}

/**
 * The one rule for the API's secrets (session signing, identity hashing):
 * the environment's value, at least 32 characters; else, for a one-machine
 * start, a random one generated once into the data folder (mode 0600) so it
 * survives a restart. A shared deployment is warned, since its processes
 * would each generate their own (docs/operations.md).
 */
export function resolveLocalSecret(config: AppConfig, secret: LocalSecret, warn: (message: string) => void): string {
  if (secret.value) {
    if (secret.value.length < 32) throw new Error(`${secret.variable} must be at least 32 characters`);
    return secret.value;
  }
  const file = path.join(config.dataDir, secret.fileName);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, generated, { mode: 0o600 });
  if (config.sharedDeployment) warn(`${secret.variable} is not set: generated one in ${file}; set it for ${secret.sharedBy}`);
  return generated;
}
