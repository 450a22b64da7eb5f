import { INTERACTION_WEIGHTS } from '@crosslane/domain-catalogue';
import { deriveEventId } from './derived-event-id';
import { FieldReader } from './field-readers';
import { RawRecord, RowResult } from './row-result';

export const INTERACTION_TYPES = ['VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE', 'RATING', 'CAMPAIGN_CLICK'] as const;
export type ImportedInteractionType = (typeof INTERACTION_TYPES)[number];

export interface InteractionRow {
  eventId: string;
  memberKey: string;
  itemKey: string;
  type: ImportedInteractionType;
  weight: number;
  amount: number | null;
  occurredAt: Date;
  source: string;
}

/**
 * An interaction row. Without an eventId, one is derived from the row's
 * content (deriveEventId), so re-importing the file adds nothing. The
 * weight defaults to the type's (VIEW 1 ... PURCHASE 4); a RATING needs
 * one from 1 to 5.
 * Example: validateInteractionRow({ memberKey: 'm_1', itemKey: 'c-1', type: 'view', occurredAt: '2024-01-01' }).ok === true
 */
export function validateInteractionRow(record: RawRecord, defaultSource = 'import'): RowResult<InteractionRow> {
  const r = new FieldReader(record);
  const eventId = r.text('eventId', { max: 100 });
  const memberKey = r.text('memberKey', { required: true, max: 100 });
  const itemKey = r.text('itemKey', { required: true, max: 100 });
  const type = r.oneOf('type', INTERACTION_TYPES);
  const occurredAt = r.date('occurredAt', { required: true });
  let weight = r.number('weight', { min: 0, max: 1000 });
  const amount = r.number('amount', { min: 0, max: 9_999_999_999 });
  const source = r.text('source', { max: 100 }) ?? defaultSource;
  if (type === 'RATING' && weight !== undefined && (weight === null || weight < 1 || weight > 5)) {
    r.problem('weight', 'a RATING needs a weight (the stars) from 1 to 5', record.weight);
  }
  if (r.problems.length) return { ok: false, problems: r.problems };
  if (weight === null) weight = INTERACTION_WEIGHTS[type as Exclude<ImportedInteractionType, 'RATING'>];
  const roundedAmount = amount === null ? null : Math.round(amount! * 100) / 100;
  const id = eventId ?? deriveEventId([memberKey!, itemKey!, type!, occurredAt!.toISOString(), weight!, roundedAmount, source]);
  return {
    ok: true,
    row: {
      eventId: id,
      memberKey: memberKey!,
      itemKey: itemKey!,
      type: type!,
      weight: weight!,
      amount: roundedAmount,
      occurredAt: occurredAt!,
      source,
    },
  };
}
