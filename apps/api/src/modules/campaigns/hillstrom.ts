/**
 * The Hillstrom (2008) MineThatData e-mail test, as rows Crosslane imports:
 * one member per row (hm_<row>), the arm from `segment`, history as the
 * pre-period covariate, and visit / conversion / spend as events.
 */
export const HILLSTROM_ARMS = [
  { key: 'control', name: 'No E-Mail', isControl: true },
  { key: 'mens', name: 'Mens E-Mail', isControl: false },
  { key: 'womens', name: 'Womens E-Mail', isControl: false },
] as const;

export const HILLSTROM_CAMPAIGN_NAME = 'Hillstrom e-mail test (MineThatData 2008)';

export interface HillstromRow {
  row: number;
  variantKey: string;
  history: number;
  visit: boolean;
  conversion: boolean;
  spend: number;
}

const SEGMENTS: Record<string, string> = { 'No E-Mail': 'control', 'Mens E-Mail': 'mens', 'Womens E-Mail': 'womens' };
const REQUIRED = ['history', 'segment', 'visit', 'conversion', 'spend'];

export class HillstromRowError extends Error {}

export function checkHillstromHeader(header: string[]): string[] {
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new HillstromRowError(`row 1: the header lacks ${missing.join(', ')}`);
  return header;
}

/** Validates one data row; `row` is the 1-based data row (the file's line number minus 1). */
export function parseHillstromRow(record: Record<string, string>, row: number): HillstromRow {
  const line = row + 1;
  const variantKey = SEGMENTS[record.segment];
  if (!variantKey) throw new HillstromRowError(`row ${line}, field segment: must be one of ${Object.keys(SEGMENTS).join(', ')}; got "${record.segment}"`);
  const flag = (field: string): boolean => {
    if (record[field] !== '0' && record[field] !== '1') throw new HillstromRowError(`row ${line}, field ${field}: must be 0 or 1; got "${record[field]}"`);
    return record[field] === '1';
  };
  const number = (field: string): number => {
    const value = Number(record[field]);
    if (record[field] === '' || !Number.isFinite(value) || value < 0) throw new HillstromRowError(`row ${line}, field ${field}: must be a number >= 0; got "${record[field]}"`);
    return value;
  };
  return { row, variantKey, history: number('history'), visit: flag('visit'), conversion: flag('conversion'), spend: number('spend') };
}
