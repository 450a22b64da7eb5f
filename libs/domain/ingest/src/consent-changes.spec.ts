import { describe, expect, it } from 'vitest';
import {
  consentBulkRule,
  consentFlagsHeldFor,
  consentHeldNote,
  describeConsentCounts,
  mayChangeConsent,
  tallyConsentChanges,
  type ConsentChangeGroup,
} from './consent-changes';

describe('mayChangeConsent', () => {
  it('lets only an ADMIN turn partner-sharing consent on (doc example)', () => {
    expect(mayChangeConsent('ADMIN', 'PARTNER_SHARING', true)).toBe(true);
    expect(mayChangeConsent('MANAGER', 'PARTNER_SHARING', true)).toBe(false);
    expect(mayChangeConsent('ANALYST', 'PARTNER_SHARING', true)).toBe(false);
    expect(mayChangeConsent(null, 'PARTNER_SHARING', true)).toBe(false);
  });

  it('never blocks a withdrawal, whoever asks and whichever flag', () => {
    for (const role of ['ADMIN', 'MANAGER', 'ANALYST', null] as const) {
      expect(mayChangeConsent(role, 'PARTNER_SHARING', false)).toBe(true);
      expect(mayChangeConsent(role, 'PERSONALISATION', false)).toBe(true);
    }
  });

  it('leaves personalisation consent with the importer, as before', () => {
    expect(mayChangeConsent('MANAGER', 'PERSONALISATION', true)).toBe(true);
  });

  it('lists the flags held back for a role', () => {
    expect(consentFlagsHeldFor('MANAGER')).toEqual(['PARTNER_SHARING']);
    expect(consentFlagsHeldFor(null)).toEqual(['PARTNER_SHARING']);
    expect(consentFlagsHeldFor('ADMIN')).toEqual([]);
  });
});

describe('consentHeldNote', () => {
  it('says what was not done, why, and what was kept (doc example)', () => {
    expect(consentHeldNote('PARTNER_SHARING')).toBe(
      'partner-sharing consent was not turned on: only an ADMIN may turn it on by import (kept as stored; off for a new member)',
    );
    expect(consentBulkRule('PARTNER_SHARING')).toBe('only an ADMIN may turn partner-sharing consent on by import');
  });
});

describe('tallyConsentChanges', () => {
  it('counts a withdrawal of stored members (doc example)', () => {
    expect(tallyConsentChanges([{ flag: 'PARTNER_SHARING', from: true, to: false, members: 2 }], {}).consentPartnerSharing.turnedOff).toBe(
      2,
    );
  });

  it('separates stored members that moved from members created, per flag, and carries the rows kept off', () => {
    const groups: ConsentChangeGroup[] = [
      { flag: 'PARTNER_SHARING', from: false, to: true, members: 3 },
      { flag: 'PARTNER_SHARING', from: true, to: false, members: 1 },
      { flag: 'PARTNER_SHARING', from: null, to: false, members: 5 },
      { flag: 'PERSONALISATION', from: null, to: true, members: 5 },
      { flag: 'PERSONALISATION', from: true, to: false, members: 4 },
    ];
    const copy = structuredClone(groups);
    expect(tallyConsentChanges(groups, { PARTNER_SHARING: 2 })).toEqual({
      consentPartnerSharing: { turnedOn: 3, turnedOff: 1, newOn: 0, newOff: 5, keptOff: 2 },
      consentPersonalisation: { turnedOn: 0, turnedOff: 4, newOn: 5, newOff: 0, keptOff: 0 },
    });
    expect(groups).toEqual(copy);
  });

  it('refuses a "change" that changes nothing, and a member count that is not a whole number', () => {
    expect(() => tallyConsentChanges([{ flag: 'PERSONALISATION', from: true, to: true, members: 1 }], {})).toThrow(
      'tallyConsentChanges requires changes; got PERSONALISATION from true to true',
    );
    expect(() => tallyConsentChanges([{ flag: 'PERSONALISATION', from: false, to: true, members: 1.5 }], {})).toThrow(/whole number/);
  });
});

describe('describeConsentCounts', () => {
  it('names only what moved, partner sharing first (doc example)', () => {
    const counts = tallyConsentChanges(
      [
        { flag: 'PARTNER_SHARING', from: false, to: true, members: 3 },
        { flag: 'PARTNER_SHARING', from: true, to: false, members: 1 },
        { flag: 'PERSONALISATION', from: true, to: false, members: 1 },
      ],
      { PARTNER_SHARING: 2 },
    );
    expect(describeConsentCounts(counts)).toBe('partner-sharing: 3 turned on, 1 turned off, 2 kept off; personalisation: 1 turned off');
    expect(describeConsentCounts(tallyConsentChanges([], {}))).toBe('no consent changed');
  });
});
