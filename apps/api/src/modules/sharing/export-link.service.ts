import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DOWNLOAD_LINK_TTL_MS, signDownloadToken, TokenCheck, verifyDownloadToken } from '@crosslane/domain-privacy';
import { resolveJwtSecret } from '../../core/auth/jwt-secret';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';

/**
 * Signs and checks download links. The key is derived from the JWT secret
 * (HMAC with a fixed label), so every API process that accepts the same
 * logins accepts the same links, and a link key never signs a login.
 */
@Injectable()
export class ExportLinkService {
  private readonly key: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secret = resolveJwtSecret(config, (m) => new Logger(ExportLinkService.name).warn(m));
    this.key = createHmac('sha256', secret).update('crosslane:export-download-links').digest('hex');
  }

  sign(exportId: string, now: Date): { token: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + DOWNLOAD_LINK_TTL_MS);
    return { token: signDownloadToken(this.key, exportId, expiresAt), expiresAt };
  }

  verify(exportId: string, token: string, now: Date): TokenCheck {
    return verifyDownloadToken(this.key, exportId, token, now);
  }
}
