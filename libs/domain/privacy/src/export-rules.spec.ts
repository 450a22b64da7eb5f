import { describe, expect, it } from 'vitest';
import { AgreementTerms, evaluateExportRequest, ExportRequestTerms } from './export-rules';

const NOW = new Date('2026-06-01T12:00:00Z');
const agreement: AgreementTerms = {
  status: 'ACTIVE',
  fieldsAllowed: ['partner_pseudonym', 'city', 'member_count'],
  purposesAllowed: ['CAMPAIGN_TARGETING', 'MEASUREMENT'],
  segmentsAllowed: ['seg-1'],
  minGroupSize: 50,
  consentRequired: true,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2026-12-31T00:00:00Z'),
};
const memberList: ExportRequestTerms = {
  purpose: 'CAMPAIGN_TARGETING',
  kind: 'MEMBER_LIST',
  fields: ['partner_pseudonym', 'city'],
  segmentId: 'seg-1',
};
const aggregate: ExportRequestTerms = { purpose: 'MEASUREMENT', kind: 'AGGREGATE', fields: ['city', 'member_count'] };

const ruleOf = (a: AgreementTerms | null, r: ExportRequestTerms, now = NOW) => {
  const decision = evaluateExportRequest(a, r, now);
  return decision.allowed ? 'ALLOWED' : decision.rule;
};

describe('evaluateExportRequest', () => {
  it('allows a request inside the agreement', () => {
    expect(ruleOf(agreement, memberList)).toBe('ALLOWED');
    expect(ruleOf(agreement, aggregate)).toBe('ALLOWED');
  });

  it('refuses without an active agreement (the doc example)', () => {
    expect(evaluateExportRequest(null, aggregate, NOW)).toMatchObject({ allowed: false, rule: 'NO_ACTIVE_AGREEMENT', field: 'partnerId' });
    expect(ruleOf({ ...agreement, status: 'REVOKED' }, aggregate)).toBe('NO_ACTIVE_AGREEMENT');
    expect(ruleOf({ ...agreement, status: 'SUPERSEDED' }, aggregate)).toBe('NO_ACTIVE_AGREEMENT');
  });

  it('refuses outside the validity window', () => {
    expect(ruleOf(agreement, aggregate, new Date('2025-12-31T23:59:59Z'))).toBe('AGREEMENT_NOT_YET_VALID');
    expect(ruleOf(agreement, aggregate, new Date('2027-01-01T00:00:00Z'))).toBe('AGREEMENT_EXPIRED');
  });

  it('names the rule and the field for each breach', () => {
    expect(evaluateExportRequest(agreement, { ...aggregate, purpose: 'CO_MARKETING' }, NOW)).toMatchObject({
      rule: 'PURPOSE_NOT_ALLOWED',
      field: 'purpose',
    });
    expect(ruleOf(agreement, { ...memberList, fields: ['partner_pseudonym', 'email'] })).toBe('UNKNOWN_FIELD');
    expect(ruleOf(agreement, { ...memberList, fields: [] })).toBe('UNKNOWN_FIELD');
    expect(ruleOf(agreement, { ...memberList, fields: ['partner_pseudonym', 'member_count'] })).toBe('FIELD_NOT_FOR_KIND');
    expect(ruleOf(agreement, { ...aggregate, fields: ['partner_pseudonym', 'member_count'] })).toBe('FIELD_NOT_FOR_KIND');
    expect(ruleOf(agreement, { ...aggregate, fields: ['city'] })).toBe('FIELD_NOT_FOR_KIND');
    expect(ruleOf(agreement, { ...aggregate, fields: ['city', 'top_category', 'member_count'] })).toBe('FIELD_NOT_FOR_KIND');
    const field = evaluateExportRequest(agreement, { ...memberList, fields: ['partner_pseudonym', 'top_category'] }, NOW);
    expect(field).toMatchObject({ rule: 'FIELD_NOT_ALLOWED', field: 'fields' });
    expect(field.allowed ? '' : field.message).toContain('top_category');
    expect(ruleOf(agreement, { ...memberList, segmentId: undefined })).toBe('SEGMENT_REQUIRED');
    expect(ruleOf(agreement, { ...memberList, segmentId: 'seg-2' })).toBe('SEGMENT_NOT_ALLOWED');
    expect(ruleOf(agreement, { ...aggregate, segmentId: 'seg-2' })).toBe('SEGMENT_NOT_ALLOWED');
    expect(ruleOf(agreement, { ...memberList, includeNonConsented: true })).toBe('CONSENT_REQUIRED');
    expect(ruleOf({ ...agreement, consentRequired: false }, { ...memberList, includeNonConsented: true })).toBe('ALLOWED');
  });

  it('checks in the documented order: expiry before purpose before fields', () => {
    const bad = { ...memberList, purpose: 'CO_MARKETING', fields: ['email'], segmentId: 'seg-9', includeNonConsented: true };
    expect(ruleOf(agreement, bad, new Date('2027-06-01T00:00:00Z'))).toBe('AGREEMENT_EXPIRED');
    expect(ruleOf(agreement, bad)).toBe('PURPOSE_NOT_ALLOWED');
    expect(ruleOf(agreement, { ...bad, purpose: 'MEASUREMENT' })).toBe('UNKNOWN_FIELD');
  });

  it('does not mutate its inputs', () => {
    const a = structuredClone(agreement);
    const r = structuredClone(memberList);
    evaluateExportRequest(a, r, NOW);
    expect(a).toEqual(agreement);
    expect(r).toEqual(memberList);
  });

  it('allows a request at the instant validTo and refuses it one millisecond later (validity is inclusive)', () => {
    const measure: ExportRequestTerms = { purpose: 'MEASUREMENT', kind: 'AGGREGATE', fields: ['city', 'member_count'] };
    expect(evaluateExportRequest(agreement, measure, agreement.validTo)).toEqual({ allowed: true });
    expect(ruleOf(agreement, measure, new Date(agreement.validTo.getTime() + 1))).toBe('AGREEMENT_EXPIRED');
    expect(evaluateExportRequest(agreement, measure, agreement.validFrom)).toEqual({ allowed: true });
  });
});
