/**
 * Consent changes: who may change which consent flag (by import or on one
 * member), how a change held back is worded in the import report, and how
 * the changes of one import are counted.
 *
 * The rule (issue 10, "Consent changes are first-class"): turning
 * partner-sharing consent ON needs an ADMIN, because it is what lets member
 * data reach partners; a MANAGER's import keeps those rows' partner-sharing
 * consent as it was and says so row by row, and a MANAGER's change of one
 * member is refused. The same rule holds for one member as for a file:
 * otherwise a file's worth of grants could be made one member at a time.
 * Turning any consent OFF is always allowed: a withdrawal must never be
 * blocked (GDPR art. 7(3): "as easy to withdraw as to give").
 * Personalisation consent stays with whoever may write members, as before.
 *
 * Example: mayChangeConsent('MANAGER', 'PARTNER_SHARING', true) === false,
 *          mayChangeConsent('MANAGER', 'PARTNER_SHARING', false) === true
 */

export const CONSENT_FLAGS = ['PERSONALISATION', 'PARTNER_SHARING'] as const;
export type ConsentFlagName = (typeof CONSENT_FLAGS)[number];

/** The column of a members file (and of the member table) that holds each flag. */
export const CONSENT_FLAG_FIELDS = {
  PERSONALISATION: 'consentPersonalisation',
  PARTNER_SHARING: 'consentPartnerSharing',
} as const satisfies Record<ConsentFlagName, string>;
export type ConsentField = (typeof CONSENT_FLAG_FIELDS)[ConsentFlagName];

const LABELS: Record<ConsentFlagName, string> = { PERSONALISATION: 'personalisation', PARTNER_SHARING: 'partner-sharing' };

/** Roles as the API knows them; null when the actor is unknown (treated as the least privileged). */
export type ConsentActorRole = 'ADMIN' | 'MANAGER' | 'ANALYST' | null;

/**
 * Whether an actor in `role` may set `flag` to `to` (by import or on one
 * member). Turning off: always. Turning partner sharing on: ADMIN only.
 * Turning personalisation on: whoever may write members (the endpoints'
 * roles decide that).
 */
export function mayChangeConsent(role: ConsentActorRole, flag: ConsentFlagName, to: boolean): boolean {
  if (!to) return true;
  if (flag === 'PARTNER_SHARING') return role === 'ADMIN';
  return true;
}

/** The flags an actor in `role` may not turn on: an import's rows keep what is stored (off for a new member). */
export function consentFlagsHeldFor(role: ConsentActorRole): ConsentFlagName[] {
  return CONSENT_FLAGS.filter((flag) => !mayChangeConsent(role, flag, true));
}

/**
 * The import report's note on a row whose consent was kept as it was.
 * Example: consentHeldNote('PARTNER_SHARING') ===
 *   'partner-sharing consent was not turned on: only an ADMIN may turn it on by import (kept as stored; off for a new member)'
 */
export function consentHeldNote(flag: ConsentFlagName): string {
  return `${LABELS[flag]} consent was not turned on: only an ADMIN may turn it on by import (kept as stored; off for a new member)`;
}

/** The rule as the audit log names it. Example: consentBulkRule('PARTNER_SHARING') === 'only an ADMIN may turn partner-sharing consent on by import' */
export function consentBulkRule(flag: ConsentFlagName): string {
  return `only an ADMIN may turn ${LABELS[flag]} consent on by import`;
}

/** How the members of one import moved, for one flag. */
export interface ConsentFlagCounts {
  /** Stored members moved from off to on. */
  turnedOn: number;
  /** Stored members moved from on to off (withdrawals). */
  turnedOff: number;
  /** New members created with the flag on. */
  newOn: number;
  /** New members created with the flag off. */
  newOff: number;
  /** Rows that asked to turn the flag on and were kept as stored (the importer's role may not). */
  keptOff: number;
}

export type ConsentCounts = Record<ConsentField, ConsentFlagCounts>;

/** One group of changes as the database returns them: `from` null for a member created by the change. */
export interface ConsentChangeGroup {
  flag: ConsentFlagName;
  from: boolean | null;
  to: boolean;
  members: number;
}

/**
 * Counts the changes of one import per flag, from grouped history rows and
 * the rows held back. Changes that change nothing (from === to) are not
 * history and are refused, so a caller's bad query shows.
 * Example: tallyConsentChanges([{ flag: 'PARTNER_SHARING', from: true, to: false, members: 2 }], {})
 *   .consentPartnerSharing.turnedOff === 2
 */
export function tallyConsentChanges(groups: readonly ConsentChangeGroup[], kept: Partial<Record<ConsentFlagName, number>>): ConsentCounts {
  const counts = {} as ConsentCounts;
  for (const flag of CONSENT_FLAGS)
    counts[CONSENT_FLAG_FIELDS[flag]] = { turnedOn: 0, turnedOff: 0, newOn: 0, newOff: 0, keptOff: kept[flag] ?? 0 };
  for (const g of groups) {
    if (g.from === g.to) throw new Error(`tallyConsentChanges requires changes; got ${g.flag} from ${g.from} to ${g.to}`);
    if (!Number.isInteger(g.members) || g.members < 0)
      throw new Error(`tallyConsentChanges requires a whole number of members; got ${g.members}`);
    const c = counts[CONSENT_FLAG_FIELDS[g.flag]];
    if (g.from === null) c[g.to ? 'newOn' : 'newOff'] += g.members;
    else c[g.to ? 'turnedOn' : 'turnedOff'] += g.members;
  }
  return counts;
}

/**
 * One line for the audit log and the job's note: only what moved.
 * Example: 'partner-sharing: 3 turned on, 1 turned off, 2 kept off; personalisation: 1 turned off'
 */
export function describeConsentCounts(counts: ConsentCounts): string {
  const parts: string[] = [];
  for (const flag of [...CONSENT_FLAGS].reverse()) {
    const c = counts[CONSENT_FLAG_FIELDS[flag]];
    const bits = [
      c.turnedOn && `${c.turnedOn} turned on`,
      c.turnedOff && `${c.turnedOff} turned off`,
      c.newOn && `${c.newOn} new with it on`,
      c.keptOff && `${c.keptOff} kept off`,
    ].filter(Boolean);
    if (bits.length) parts.push(`${LABELS[flag]}: ${bits.join(', ')}`);
  }
  return parts.length ? parts.join('; ') : 'no consent changed';
}
