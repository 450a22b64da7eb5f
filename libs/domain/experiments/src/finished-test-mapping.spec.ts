import { describe, expect, it } from 'vitest';
import {
  countByReason,
  FinishedTestCollector,
  FinishedTestRowParser,
  validateFinishedTestMapping,
  type FinishedTestMapping,
} from './finished-test-mapping';

const mapping: FinishedTestMapping = {
  unitColumn: 'id',
  armColumn: 'group',
  arms: [
    { value: 'A', key: 'control', name: 'Old', isControl: true },
    { value: 'B', key: 'new', name: 'New', isControl: false },
  ],
  exposureColumn: 'page',
  exposureValues: { old: 'control', new: 'new' },
  booleans: { true: ['Y'], false: ['N'] },
  metrics: [
    { name: 'converted', column: 'conv', kind: 'binary', direction: 'increase', role: 'primary' },
    { name: 'revenue per visit', column: 'revenue', denominatorColumn: 'visits', kind: 'ratio', direction: 'increase', role: 'secondary' },
    { name: 'minutes', column: 'minutes', covariateColumn: 'minutes_before', kind: 'mean', direction: 'increase', role: 'guardrail' },
  ],
};
const row = (over: Record<string, string> = {}) => ({
  id: 'u1',
  group: 'A',
  page: 'old',
  conv: 'y',
  revenue: '12.5',
  visits: '3',
  minutes: '7',
  minutes_before: '6',
  ...over,
});

describe('finished-test mapping', () => {
  it('names every field of a mapping that does not fit the file', () => {
    const problems = validateFinishedTestMapping({ ...mapping, armColumn: 'variant' }, Object.keys(row()));
    expect(problems).toEqual([
      {
        field: 'mapping.armColumn',
        message:
          'mapping.armColumn: the file has no column "variant" (columns: id, group, page, conv, revenue, visits, minutes, minutes_before)',
      },
    ]);
    expect(validateFinishedTestMapping({ ...mapping, arms: mapping.arms.map((a) => ({ ...a, isControl: false })) })[0]).toMatchObject({
      field: 'mapping.arms',
    });
    expect(validateFinishedTestMapping(mapping, Object.keys(row()))).toEqual([]);
  });

  it('parses a row into slots (value, denominator, covariate) with the booleans as the file writes them', () => {
    const parsed = new FinishedTestRowParser(mapping).parse(row(), 2);
    expect(parsed).toEqual({
      unit: { unitKey: 'u1', variantKey: 'control', exposedAt: null, values: [1, 12.5, 3, 7, 6], attributes: null },
    });
  });

  it('refuses a row for one reason, naming the line and field', () => {
    const parser = new FinishedTestRowParser(mapping);
    const reason = (over: Record<string, string>) => {
      const r = parser.parse(row(over), 7);
      return 'problem' in r ? [r.problem.reason, r.problem.message] : null;
    };
    expect(reason({ group: 'C' })).toEqual(['unknown arm', 'row 7, field group: "C" is not a mapped arm (A, B)']);
    expect(reason({ page: 'new' })).toEqual(['arm/exposure mismatch', 'row 7, field page: the unit is in arm "A" but saw "new"']);
    expect(reason({ conv: '1' })?.[0]).toBe('unparseable metric');
    expect(reason({ visits: 'x' })?.[0]).toBe('unparseable metric');
  });

  it('keeps an exact repeat once and refuses every row of a unit seen with different values', () => {
    const collector = new FinishedTestCollector(new FinishedTestRowParser(mapping));
    collector.add(row({ id: 'u1' }), 2);
    collector.add(row({ id: 'u1' }), 3);
    collector.add(row({ id: 'u2' }), 4);
    collector.add(row({ id: 'u2', minutes: '8' }), 5);
    collector.add(row({ id: 'u3', group: 'Z' }), 6);
    const done = collector.finish();
    expect(done.units.map((u) => u.unitKey)).toEqual(['u1']);
    expect(done.identicalDuplicates).toBe(1);
    expect(done.rejections.map((r) => [r.rowNumber, r.reason])).toEqual([
      [4, 'duplicate unit with conflicting values'],
      [5, 'duplicate unit with conflicting values'],
      [6, 'unknown arm'],
    ]);
    expect(countByReason(done.rejections)).toEqual({ 'duplicate unit with conflicting values': 2, 'unknown arm': 1 });
  });

  it('keeps the mapped attribute columns of each unit as text, and refuses attribute columns the file lacks or that repeat the arm', () => {
    const withBands: FinishedTestMapping = { ...mapping, attributeColumns: ['region', 'tier'] };
    const header = [...Object.keys(row()), 'region', 'tier'];
    expect(validateFinishedTestMapping(withBands, header)).toEqual([]);
    const parsed = new FinishedTestRowParser(withBands).parse(row({ region: ' North ', tier: '' }), 2);
    expect(parsed).toMatchObject({ unit: { unitKey: 'u1', attributes: { region: 'North', tier: '' } } });
    expect(validateFinishedTestMapping({ ...mapping, attributeColumns: ['region', 'group', 'region'] }, header)).toEqual([
      { field: 'mapping.attributeColumns[1]', message: 'mapping.attributeColumns[1]: "group" is the unit or arm column, not an attribute' },
      { field: 'mapping.attributeColumns[2]', message: 'mapping.attributeColumns[2]: column "region" is listed twice' },
    ]);
    expect(validateFinishedTestMapping(withBands, Object.keys(row()))[0]).toMatchObject({ field: 'mapping.attributeColumns[0]' });
    // A unit seen twice with different bands is a conflict, like different metric values.
    const collector = new FinishedTestCollector(new FinishedTestRowParser(withBands));
    collector.add(row({ region: 'North', tier: 'a' }), 2);
    collector.add(row({ region: 'South', tier: 'a' }), 3);
    expect(collector.finish().units).toEqual([]);
  });
});
