import type { AppConfig } from '../config/app-config';
import { resolveLocalSecret } from '../config/local-secret';

/**
 * The signing secret comes from CROSSLANE_JWT_SECRET. For a one-machine
 * start without it, a random secret is kept in the data folder (mode 0600)
 * so sessions survive a restart; several API machines must share the
 * environment variable instead (docs/operations.md).
 */
export function resolveJwtSecret(config: AppConfig, warn: (message: string) => void): string {
  return resolveLocalSecret(
    config,
    {
      variable: 'CROSSLANE_JWT_SECRET',
      value: config.jwtSecret,
      fileName: 'jwt-secret',
      sharedBy: 'every API process when you run several',
    },
    warn,
  );
}
