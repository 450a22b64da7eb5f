import { describe, expect, it } from 'vitest';
import { parseCampaignEvent } from './campaign-events.service';

describe('parseCampaignEvent', () => {
  it('accepts a well-formed event and reads a CSV value as a number', () => {
    const { event, problems } = parseCampaignEvent(
      { eventId: 'e1', memberKey: 'm_1', type: 'REVENUE', value: '12.5', occurredAt: '2025-01-02T10:00:00Z' },
      4,
      'row 4',
    );
    expect(problems).toEqual([]);
    expect(event).toEqual({ eventId: 'e1', memberKey: 'm_1', type: 'REVENUE', value: 12.5, occurredAt: new Date('2025-01-02T10:00:00Z') });
  });

  it('names the row and every bad field', () => {
    const { event, problems } = parseCampaignEvent(
      { eventId: '', memberKey: 'm_1', type: 'PURCHASE', occurredAt: 'yesterday', colour: 'red' },
      2,
      'events[2]',
    );
    expect(event).toBeUndefined();
    expect(problems.map((p) => p.field)).toEqual(['colour', 'eventId', 'type', 'occurredAt']);
    expect(problems.find((p) => p.field === 'type')?.message).toBe(
      'events[2].type must be one of EXPOSURE, CLICK, CONVERSION, REVENUE, RETENTION',
    );
    expect(problems.every((p) => p.index === 2)).toBe(true);
  });

  it('requires a non-negative value on revenue events', () => {
    expect(
      parseCampaignEvent({ eventId: 'e', memberKey: 'm', type: 'REVENUE', occurredAt: '2025-01-01T00:00:00Z' }, 0, 'x').problems[0].message,
    ).toBe('x.value is required for a REVENUE event');
    expect(
      parseCampaignEvent({ eventId: 'e', memberKey: 'm', type: 'REVENUE', value: -1, occurredAt: '2025-01-01T00:00:00Z' }, 0, 'x')
        .problems[0].field,
    ).toBe('value');
  });
});
