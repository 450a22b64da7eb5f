import { FieldReader } from './field-readers';
import { hashed } from './member-row';
import { IdentifierHasher, RawRecord, RowResult } from './row-result';

export interface CustomerListRow {
  /** The hash stored in partner_customer: e-mail's if given, else phone's, else the customer number's. */
  matchHash: string;
  emailHash: string | null;
  phoneHash: string | null;
}

/**
 * One entry of a partner's customer list: at least one of email, phone,
 * customerNumber, each hashed here (keyed HMAC) so no raw identifier goes
 * further. Matching to members uses both the e-mail and the phone hash.
 * Example: validateCustomerListRow({ email: 'A@B.cn' }, hasher).ok === true
 */
export function validateCustomerListRow(record: RawRecord, hasher: IdentifierHasher): RowResult<CustomerListRow> {
  const r = new FieldReader(record);
  const emailHash = hashed(r, 'email', (v) => hasher.hashEmail(v));
  const phoneHash = hashed(r, 'phone', (v) => hasher.hashPhone(v));
  const customerHash = hashed(r, 'customerNumber', (v) => hasher.hashCustomerNumber(v));
  if (r.problems.length) return { ok: false, problems: r.problems };
  const matchHash = emailHash ?? phoneHash ?? customerHash;
  if (!matchHash) return { ok: false, problems: [{ field: null, reason: 'needs at least one of email, phone, customerNumber' }] };
  return { ok: true, row: { matchHash, emailHash: emailHash ?? null, phoneHash: phoneHash ?? null } };
}
