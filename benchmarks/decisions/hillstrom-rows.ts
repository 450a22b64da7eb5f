// Reads the Hillstrom CSV for the decisions specs and benchmark; lives here because shipped domain code may not touch the file system.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface HillstromRow {
  readonly recency: number;
  readonly historySegment: string;
  readonly history: number;
  readonly mens: number;
  readonly womens: number;
  readonly zipCode: string;
  readonly newbie: number;
  readonly channel: string;
  readonly segment: 'Mens E-Mail' | 'Womens E-Mail' | 'No E-Mail';
  readonly visit: number;
  readonly conversion: number;
  readonly spend: number;
}

const REPO_ROOT = path.resolve(__dirname, '../..');
const CSV_PATH = path.join(
  process.env['CROSSLANE_DATASETS_DIR'] || path.join(REPO_ROOT, 'datasets'),
  'hillstrom',
  'hillstrom_email_2008.csv',
);

/** The 64,000 rows in file order (the order the benchmark's split relies on). */
export function loadHillstrom(): HillstromRow[] {
  const lines = readFileSync(CSV_PATH, 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => {
    // Only history_segment is ever quoted ("6) $750 - $1,000"), never with an inner quote.
    const f = [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2] ?? '');
    return {
      recency: Number(f[0]),
      historySegment: f[1]!,
      history: Number(f[2]),
      mens: Number(f[3]),
      womens: Number(f[4]),
      zipCode: f[5]!,
      newbie: Number(f[6]),
      channel: f[7]!,
      segment: f[8] as HillstromRow['segment'],
      visit: Number(f[9]),
      conversion: Number(f[10]),
      spend: Number(f[11]),
    };
  });
}

/** The features every decisions check uses for Hillstrom (the numpy reference builds the same columns in the same order). */
export const HILLSTROM_FEATURES = {
  numeric: ['recency', 'history', 'mens', 'womens', 'newbie'],
  categorical: ['zipCode', 'channel'],
} as const;

/** Womens (or Mens) E-Mail against No E-Mail, in file order, with the chosen outcome. */
export function hillstromExamples(rows: readonly HillstromRow[], arm: 'Womens E-Mail' | 'Mens E-Mail', outcome: 'visit' | 'conversion') {
  return rows
    .filter((r) => r.segment === arm || r.segment === 'No E-Mail')
    .map((r) => ({ row: r, treated: r.segment === arm, outcome: (r[outcome] === 1 ? 1 : 0) as 0 | 1 }));
}
