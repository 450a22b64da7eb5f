import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';

/**
 * The signing secret comes from CROSSLANE_JWT_SECRET. For a one-machine
 * start without it, a random secret is kept in the data folder (mode 0600)
 * so sessions survive a restart; several API machines must share the
 * environment variable instead (docs/operations.md).
 */
export function resolveJwtSecret(config: AppConfig, warn: (message: string) => void): string {
  if (config.jwtSecret) {
    if (config.jwtSecret.length < 32) throw new Error('CROSSLANE_JWT_SECRET must be at least 32 characters');
    return config.jwtSecret;
  }
  const file = path.join(config.dataDir, 'jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  if (config.sharedDeployment)
    warn(`CROSSLANE_JWT_SECRET is not set: generated one in ${file}; set it for every API process when you run several`);
  return secret;
}
