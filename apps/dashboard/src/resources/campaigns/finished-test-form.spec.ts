import { describe, expect, it } from 'vitest';
import { buildMapping, initialForm } from './finished-test-form';

const header = ['user_id', 'group', 'converted', 'minutes', 'note'];
const rows = [
  { user_id: 'u1', group: 'control', converted: '0', minutes: '3.5', note: 'a' },
  { user_id: 'u2', group: 'New page', converted: '1', minutes: '7', note: 'b' },
];

describe('the finished-test import form', () => {
  it('guesses the id and arm columns, the arms in the first rows, binary and numeric metrics (text columns left out)', () => {
    const form = initialForm(header, rows);
    expect(form).toMatchObject({ unitColumn: 'user_id', armColumn: 'group', armValues: 'control, New page', controlValue: 'control' });
    expect(form.metrics.converted).toMatchObject({ use: true, kind: 'binary', role: 'primary' });
    expect(form.metrics.minutes).toMatchObject({ use: true, kind: 'mean', role: 'secondary' });
    expect(form.metrics.note.use).toBe(false);
  });

  it('builds the mapping the API takes: arm keys from the values, one control, the chosen metrics only', () => {
    const form = initialForm(header, rows);
    form.metrics.converted.hypothesis = 'one-sided';
    const mapping = buildMapping(form);
    expect(mapping.arms).toEqual([
      { value: 'control', key: 'control', name: 'control', isControl: true },
      { value: 'New page', key: 'new-page', name: 'New page', isControl: false },
    ]);
    expect(mapping.metrics.map((m) => [m.name, m.kind, m.role, m.hypothesis])).toEqual([
      ['converted', 'binary', 'primary', 'one-sided'],
      ['minutes', 'mean', 'secondary', 'two-sided'],
    ]);
    expect(mapping.booleans).toEqual({ true: ['1', 'true', 'yes'], false: ['0', 'false', 'no'] });
  });

  it('maps a ratio metric with its denominator column, and an exposure column onto the arm keys', () => {
    const form = initialForm(header, rows);
    form.metrics.minutes = { ...form.metrics.minutes, kind: 'ratio', denominatorColumn: 'converted', covariateColumn: 'note' };
    form.exposureColumn = 'note';
    const mapping = buildMapping(form);
    expect(mapping.metrics[1]).toEqual({
      name: 'minutes',
      column: 'minutes',
      kind: 'ratio',
      direction: 'increase',
      role: 'secondary',
      hypothesis: 'two-sided',
      denominatorColumn: 'converted',
    });
    expect(mapping).toMatchObject({ exposureColumn: 'note', exposureValues: { control: 'control', 'New page': 'new-page' } });
    form.exposureValues = 'saw A=control, saw B=New page, odd=nobody';
    expect(buildMapping(form).exposureValues).toEqual({ 'saw A': 'control', 'saw B': 'new-page', odd: '' });
    expect(buildMapping({ ...form, exposureColumn: '' })).not.toHaveProperty('exposureColumn');
  });

  it('guesses a text column whose values repeat as a band to keep with each unit, and leaves all-different text out', () => {
    const banded = [
      { user_id: 'u1', group: 'control', converted: '0', region: 'North', note: 'a' },
      { user_id: 'u2', group: 'New page', converted: '1', region: 'South', note: 'b' },
      { user_id: 'u3', group: 'control', converted: '0', region: 'North', note: 'c' },
    ];
    const form = initialForm(['user_id', 'group', 'converted', 'region', 'note'], banded);
    expect(form.attributeColumns).toBe('region');
    expect(buildMapping({ ...form, attributeColumns: 'region, note' }).attributeColumns).toEqual(['region', 'note']);
    expect(buildMapping(initialForm(header, rows))).not.toHaveProperty('attributeColumns');
  });
});
