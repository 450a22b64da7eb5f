import type { ConsentChangeDto, ImportConsentCounts, MemberDto, Role } from '@crosslane/contracts';

// What the member screen and the import report say about consent: plain functions, tested apart from the components.

export const CONSENT_LABELS: Record<ConsentChangeDto['flag'], string> = {
  PERSONALISATION: 'Personalisation',
  PARTNER_SHARING: 'Partner sharing',
};

/** "off → on", "on → off", or "on (new member)" for a member created with the value. */
export function describeMove(change: Pick<ConsentChangeDto, 'from' | 'to'>): string {
  const word = (v: boolean) => (v ? 'on' : 'off');
  return change.from === null ? `${word(change.to)} (new member)` : `${word(change.from)} → ${word(change.to)}`;
}

/** Where a change came from, as the history table shows it. */
export function describeSource(change: Pick<ConsentChangeDto, 'source' | 'sourceId'>): string {
  if (change.source === 'IMPORT') return change.sourceId ? `Import ${change.sourceId.slice(0, 8)}` : 'Import';
  return change.source === 'SCREEN' ? 'Member screen' : 'API';
}

export interface ConsentButton {
  field: 'consentPersonalisation' | 'consentPartnerSharing';
  to: boolean;
  label: string;
}

/**
 * The consent buttons a role sees on a member. Withdrawals for ADMIN and
 * MANAGER; turning partner sharing on for ADMIN only (the server enforces
 * the same, this only hides what would be refused); nothing for ANALYST.
 */
export function consentButtons(
  role: Role | undefined,
  member: Pick<MemberDto, 'consentPersonalisation' | 'consentPartnerSharing'>,
): ConsentButton[] {
  if (role !== 'ADMIN' && role !== 'MANAGER') return [];
  const buttons: ConsentButton[] = [];
  if (member.consentPartnerSharing) buttons.push({ field: 'consentPartnerSharing', to: false, label: 'Withdraw partner sharing' });
  else if (role === 'ADMIN') buttons.push({ field: 'consentPartnerSharing', to: true, label: 'Turn partner sharing on' });
  buttons.push(
    member.consentPersonalisation
      ? { field: 'consentPersonalisation', to: false, label: 'Withdraw personalisation' }
      : { field: 'consentPersonalisation', to: true, label: 'Turn personalisation on' },
  );
  return buttons;
}

/** The import report's consent table: one row per flag, only when something moved or was kept off. */
export function consentCountRows(
  consent: ImportConsentCounts | undefined,
): { label: string; turnedOn: number; turnedOff: number; newOn: number; newOff: number; keptOff: number }[] {
  if (!consent) return [];
  return [
    { label: CONSENT_LABELS.PARTNER_SHARING, ...consent.consentPartnerSharing },
    { label: CONSENT_LABELS.PERSONALISATION, ...consent.consentPersonalisation },
  ];
}
