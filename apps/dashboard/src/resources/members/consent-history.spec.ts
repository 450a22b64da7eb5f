import { describe, expect, it } from 'vitest';
import { consentButtons, consentCountRows, describeMove, describeSource } from './consent-history';

describe('the consent history as the member screen shows it', () => {
  it('words a move, and a value a member was created with', () => {
    expect(describeMove({ from: false, to: true })).toBe('off → on');
    expect(describeMove({ from: true, to: false })).toBe('on → off');
    expect(describeMove({ from: null, to: true })).toBe('on (new member)');
  });
  it('names the source: the import (short id), the member screen or the API', () => {
    expect(describeSource({ source: 'IMPORT', sourceId: '0b5c1e2a-1111-4222-8333-444455556666' })).toBe('Import 0b5c1e2a');
    expect(describeSource({ source: 'SCREEN', sourceId: null })).toBe('Member screen');
    expect(describeSource({ source: 'API', sourceId: null })).toBe('API');
  });
});

describe('consent buttons', () => {
  const on = { consentPersonalisation: true, consentPartnerSharing: true };
  const off = { consentPersonalisation: false, consentPartnerSharing: false };
  it('lets a manager withdraw, but offers partner sharing on only to an admin', () => {
    expect(consentButtons('MANAGER', on).map((b) => b.label)).toEqual(['Withdraw partner sharing', 'Withdraw personalisation']);
    expect(consentButtons('MANAGER', off).map((b) => b.label)).toEqual(['Turn personalisation on']);
    expect(consentButtons('ADMIN', off).map((b) => [b.field, b.to])).toEqual([
      ['consentPartnerSharing', true],
      ['consentPersonalisation', true],
    ]);
  });
  it('shows an analyst no buttons', () => {
    expect(consentButtons('ANALYST', on)).toEqual([]);
    expect(consentButtons(undefined, on)).toEqual([]);
  });
});

describe('the import report consent table', () => {
  it('has a row per flag, partner sharing first, and none for an import without consent counts', () => {
    const counts = { turnedOn: 0, turnedOff: 1, newOn: 0, newOff: 1, keptOff: 3 };
    const rows = consentCountRows({ consentPartnerSharing: counts, consentPersonalisation: { ...counts, keptOff: 0 } });
    expect(rows.map((r) => [r.label, r.keptOff])).toEqual([
      ['Partner sharing', 3],
      ['Personalisation', 0],
    ]);
    expect(consentCountRows(undefined)).toEqual([]);
  });
});
