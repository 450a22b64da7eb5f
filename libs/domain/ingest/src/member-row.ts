import { FieldReader } from './field-readers';
import { IdentifierHasher, RawRecord, RowResult } from './row-result';

export interface MemberRow {
  memberKey: string;
  emailHash: string | null;
  phoneHash: string | null;
  consentPersonalisation: boolean;
  consentPartnerSharing: boolean;
  city: string | null;
  joinedAt: Date;
}

/**
 * A member row. E-mail and phone are normalised and hashed here, while
 * parsing, so the raw identifier never leaves this function; a problem
 * with one names the field but never echoes its value.
 * Consent defaults: personalisation yes, partner sharing no (opt-in).
 * Example: validateMemberRow({ memberKey: 'm_1', joinedAt: '2024-01-01' }, hasher).ok === true
 */
export function validateMemberRow(record: RawRecord, hasher: IdentifierHasher): RowResult<MemberRow> {
  const r = new FieldReader(record);
  const memberKey = r.text('memberKey', { required: true, max: 100 });
  const joinedAt = r.date('joinedAt', { required: true });
  const consentPersonalisation = r.boolean('consentPersonalisation', true);
  const consentPartnerSharing = r.boolean('consentPartnerSharing', false);
  const city = r.text('city', { max: 100 });
  const emailHash = hashed(r, 'email', (v) => hasher.hashEmail(v));
  const phoneHash = hashed(r, 'phone', (v) => hasher.hashPhone(v));
  if (r.problems.length) return { ok: false, problems: r.problems };
  return {
    ok: true,
    row: {
      memberKey: memberKey!,
      emailHash: emailHash!,
      phoneHash: phoneHash!,
      consentPersonalisation: consentPersonalisation!,
      consentPartnerSharing: consentPartnerSharing!,
      city: city!,
      joinedAt: joinedAt!,
    },
  };
}

/** Hashes an identifier field; a bad one is reported without its value (it is personal data). */
export function hashed(r: FieldReader, field: string, hash: (raw: string) => string): string | null | undefined {
  const raw = r.text(field, { max: 320 });
  if (raw === undefined || raw === null) return raw;
  try {
    return hash(raw);
  } catch {
    return r.problem(
      field,
      field === 'email' ? 'is not an e-mail address' : field === 'phone' ? 'is not a phone number' : 'is not a valid identifier',
    );
  }
}
