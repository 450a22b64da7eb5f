import { Inject, Injectable, Logger } from '@nestjs/common';
import { suppressionHash } from '@crosslane/domain-member-rights';
import { keyedIdentifierHash, normaliseEmail, normalisePhone, partnerPseudonym } from '@crosslane/domain-privacy';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { resolveLocalSecret } from '../config/local-secret';

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
  return resolveLocalSecret(
    config,
    {
      variable: 'CROSSLANE_IDENTITY_KEY',
      value: process.env.CROSSLANE_IDENTITY_KEY,
      fileName: 'identity-key',
      sharedBy: 'every process of a shared deployment',
    },
    warn,
  );
}
