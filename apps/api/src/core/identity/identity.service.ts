import { Inject, Injectable, Logger } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { suppressionHash } from '@crosslane/domain-member-rights';
import { keyedIdentifierHash, normaliseEmail, normalisePhone, partnerPseudonym } from '@crosslane/domain-privacy';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The one place that holds the identity key. Raw e-mails and phone numbers
 * are hashed here, at the edge, before anything is stored; the same key
 * derives the per-partner pseudonyms of exports.
 *
 * The key comes from CROSSLANE_IDENTITY_KEY. Without it, one is generated
 * into the data folder (0600) for a single-machine start; a shared
 * deployment must set it, the same everywhere, or hashes will not match.
 */
@Injectable()
export class IdentityService {
  private readonly key: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = resolveIdentityKey(config, (m) => new Logger(IdentityService.name).warn(m));
  }

  hashEmail(raw: string): string {
    return keyedIdentifierHash(this.key, 'email', normaliseEmail(raw));
  }

  hashPhone(raw: string): string {
    return keyedIdentifierHash(this.key, 'phone', normalisePhone(raw));
  }

  /** A partner's own customer number, hashed per partner so it cannot be compared across partners. */
  hashCustomerNumber(partnerId: string, raw: string): string {
    const value = raw.trim();
    if (!value) throw new Error('customer number is empty');
    return keyedIdentifierHash(this.key, 'customer', `${partnerId}:${value}`);
  }

  pseudonymFor(partnerId: string, memberKey: string): string {
    return partnerPseudonym(this.key, partnerId, memberKey);
  }

  /** The keyed hash an erased member's key is suppressed under (suppressed_member_key); never the key itself. */
  memberKeySuppressionHash(memberKey: string): string {
    return suppressionHash(this.key, memberKey);
  }
}

function resolveIdentityKey(config: AppConfig, warn: (message: string) => void): string {
  const fromEnv = process.env.CROSSLANE_IDENTITY_KEY;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('CROSSLANE_IDENTITY_KEY must be at least 32 characters');
    return fromEnv;
  }
  const file = path.join(config.dataDir, 'identity-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, key, { mode: 0o600 });
  if (config.sharedDeployment)
    warn(`CROSSLANE_IDENTITY_KEY is not set: generated one in ${file}; set it for every process of a shared deployment`);
  return key;
}
