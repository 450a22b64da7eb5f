import { describe, expect, it } from 'vitest';
import {
  campaignActions,
  canManageCampaigns,
  describeMetric,
  formatEffect,
  formatOverlap,
  toCampaignBody,
  weightSum,
} from './campaign-rules';

describe('campaign rules in the dashboard', () => {
  it('offers launch and stop only to managers and admins, and only in the right states', () => {
    expect(canManageCampaigns('ANALYST')).toBe(false);
    expect(canManageCampaigns('MANAGER')).toBe(true);
    expect(campaignActions('RUNNING')).toMatchObject({ launch: false, stop: true, conclude: true });
    expect(campaignActions('DRAFT')).toMatchObject({ launch: true, stop: false, schedule: true });
    expect(campaignActions('CONCLUDED')).toMatchObject({ launch: false, stop: false, conclude: false, edit: false });
  });

  it('never shows a suppressed overlap as a number', () => {
    expect(formatOverlap({ overlap: null, suppressed: true, minGroupSize: 50 })).toBe('< 50');
    expect(formatOverlap({ overlap: 1234, suppressed: false, minGroupSize: 50 })).toBe('1,234');
  });

  it('formats effects in pp for rates and per member for revenue', () => {
    expect(formatEffect(0.0123, 'CONVERSION')).toBe('1.23 pp');
    expect(formatEffect(1.5, 'REVENUE_PER_MEMBER')).toBe('1.50 per member');
    expect(formatEffect(null, 'CONVERSION')).toBe('none detectable');
  });

  it('sends only the fields the API knows, and no design change once running', () => {
    const record = {
      id: 'x',
      status: 'RUNNING',
      salt: 's',
      name: 'N',
      objective: 'O',
      primaryMetric: 'CONVERSION',
      variants: [{ key: 'c', name: 'C', weight: '0.5', isControl: true }],
    };
    expect(toCampaignBody(record, 'RUNNING')).toEqual({ name: 'N', objective: 'O' });
    expect(toCampaignBody(record, 'DRAFT')).toEqual({
      name: 'N',
      objective: 'O',
      primaryMetric: 'CONVERSION',
      variants: [{ key: 'c', name: 'C', isControl: true, weight: 0.5, offerType: 'NONE' }],
    });
  });

  it('adds up the weights for the form hint', () => {
    expect(weightSum([{ weight: 0.34 }, { weight: '0.33' }, { weight: 0.33 }])).toBe(1);
  });

  it("sends the metric plan only while the campaign is a DRAFT, without the form's empty or inapplicable fields", () => {
    const rows = [
      {
        name: 'converted',
        kind: 'binary',
        eventType: 'CONVERSION',
        measure: 'sum',
        denominatorEventType: null,
        direction: 'increase',
        role: 'primary',
        hypothesis: 'one-sided',
      },
      {
        name: 'spend per click',
        kind: 'ratio',
        eventType: 'REVENUE',
        measure: 'sum',
        denominatorEventType: 'CLICK',
        denominatorMeasure: 'count',
        direction: 'increase',
        role: 'secondary',
        hypothesis: '',
      },
    ];
    const body = toCampaignBody({ name: 'x', metrics: rows }, 'DRAFT');
    expect(body.metrics).toEqual([
      { name: 'converted', kind: 'binary', eventType: 'CONVERSION', direction: 'increase', role: 'primary', hypothesis: 'one-sided' },
      {
        name: 'spend per click',
        kind: 'ratio',
        eventType: 'REVENUE',
        measure: 'sum',
        denominatorEventType: 'CLICK',
        denominatorMeasure: 'count',
        direction: 'increase',
        role: 'secondary',
      },
    ]);
    expect(toCampaignBody({ name: 'x', metrics: [] }).metrics).toBeNull();
    expect(toCampaignBody({ name: 'x', metrics: rows }, 'RUNNING')).not.toHaveProperty('metrics');
    expect(toCampaignBody({ name: 'x', metrics: rows }, 'SCHEDULED')).not.toHaveProperty('metrics');
  });

  it('lists each declared metric with what it reads and its hypothesis', () => {
    expect(
      describeMetric({
        name: 'converted',
        kind: 'binary',
        eventType: 'CONVERSION',
        direction: 'increase',
        role: 'primary',
        hypothesis: 'one-sided',
      }),
    ).toBe('converted: binary, any CONVERSION, increase is good, primary, one-sided');
    expect(
      describeMetric({
        name: 'rpc',
        kind: 'ratio',
        eventType: 'REVENUE',
        measure: 'sum',
        denominatorEventType: 'CLICK',
        denominatorMeasure: 'count',
        direction: 'increase',
        role: 'secondary',
      }),
    ).toBe('rpc: ratio, sum of REVENUE / count of CLICK, increase is good, secondary, two-sided');
  });
});
