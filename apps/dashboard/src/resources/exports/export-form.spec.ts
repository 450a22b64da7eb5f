import { describe, expect, it } from 'vitest';
import { fieldChoicesFor, isSettled, toExportBody } from './export-form';

describe('the export request form', () => {
  it('offers per-member columns for a list and dimensions for an aggregate', () => {
    expect(fieldChoicesFor('MEMBER_LIST').map((c) => c.id)).toEqual(['partner_pseudonym', 'city', 'top_category', 'car_interest']);
    expect(fieldChoicesFor('AGGREGATE').map((c) => c.id)).toEqual(['city', 'top_category', 'car_interest']);
  });

  it('adds the count column to an aggregate and drops a blank segment', () => {
    expect(toExportBody({ partnerId: 'p', purpose: 'MEASUREMENT', kind: 'AGGREGATE', dimension: 'city', segmentId: '' })).toEqual({
      partnerId: 'p',
      purpose: 'MEASUREMENT',
      kind: 'AGGREGATE',
      fields: ['city', 'member_count'],
    });
    expect(
      toExportBody({
        partnerId: 'p',
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym'],
        segmentId: 's',
        includeNonConsented: true,
      }),
    ).toMatchObject({
      fields: ['partner_pseudonym'],
      segmentId: 's',
      includeNonConsented: true,
    });
  });

  it('keeps polling only while queued or running', () => {
    expect(isSettled('RUNNING')).toBe(false);
    expect(isSettled('REFUSED')).toBe(true);
  });
});
