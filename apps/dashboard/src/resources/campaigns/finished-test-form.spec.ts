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
});
