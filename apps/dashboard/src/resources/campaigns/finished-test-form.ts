import type { FinishedTestMappingDto, MetricDefinitionDto } from '@crosslane/contracts';

/** What the import dialog holds while the analyst chooses the mapping. */
export interface MappingForm {
  unitColumn: string; // '' = every row is a unit
  armColumn: string;
  /** The arm values, as written in the file, comma-separated. */
  armValues: string;
  controlValue: string;
  exposedAtColumn: string;
  /** Column saying which arm the unit actually saw ('' = none): a unit whose exposure differs from its arm is refused. */
  exposureColumn: string;
  /** How the exposure column writes each arm, "seen=arm value" comma-separated; '' = the same words as the arm column. */
  exposureValues: string;
  trueWords: string;
  falseWords: string;
  metrics: Record<string, MetricChoice>;
  /** Columns kept with each unit as bands to break the effects down by (Decisions screen), comma-separated. */
  attributeColumns: string;
}

export interface MetricChoice {
  use: boolean;
  kind: MetricDefinitionDto['kind'];
  direction: MetricDefinitionDto['direction'];
  role: MetricDefinitionDto['role'];
  hypothesis: NonNullable<MetricDefinitionDto['hypothesis']>;
  covariateColumn: string;
  /** Ratio metrics: the column summed in the denominator (revenue / sessions). */
  denominatorColumn: string;
}

const words = (text: string) =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');

/** The values seen in a column of the first rows, in order of appearance. */
export function distinctValues(rows: readonly Record<string, string>[], column: string): string[] {
  return [...new Set(rows.map((r) => r[column]).filter((v): v is string => v !== undefined && v !== ''))];
}

/**
 * A first guess from the file's first rows: a column named like an id, one like an arm, every other column a metric
 * (0/1 columns binary); a text column whose values repeat in the first rows is a band (an attribute column), one
 * whose values are all different is more likely a note or an identifier and is left out.
 */
export function initialForm(header: readonly string[], rows: readonly Record<string, string>[]): MappingForm {
  const find = (pattern: RegExp) => header.find((h) => pattern.test(h)) ?? '';
  const unitColumn = find(/(^|_)(id|user|unit|customer)(_?id)?$/i);
  const armColumn = find(/^(group|arm|variant|segment|treatment|bucket)$/i) || header.find((h) => h !== unitColumn) || '';
  const arms = distinctValues(rows, armColumn);
  const metrics: Record<string, MetricChoice> = {};
  for (const column of header) {
    if (column === unitColumn || column === armColumn) continue;
    const values = distinctValues(rows, column);
    const binary = values.length > 0 && values.every((v) => /^(0|1|true|false|yes|no)$/i.test(v));
    const numeric = values.length > 0 && values.every((v) => Number.isFinite(Number(v)));
    metrics[column] = {
      use: binary || numeric,
      kind: binary ? 'binary' : 'mean',
      direction: 'increase',
      role: 'secondary',
      hypothesis: 'two-sided',
      covariateColumn: '',
      denominatorColumn: '',
    };
  }
  const attributeColumns = Object.keys(metrics).filter((c) => {
    const values = rows.map((r) => r[c]).filter((v): v is string => v !== undefined && v !== '');
    return !metrics[c].use && values.length > 0 && new Set(values).size < values.length;
  });
  const first = Object.keys(metrics).find((c) => metrics[c].use);
  if (first) metrics[first].role = 'primary';
  return {
    unitColumn,
    armColumn,
    armValues: arms.join(', '),
    controlValue: arms[0] ?? '',
    exposedAtColumn: '',
    exposureColumn: '',
    exposureValues: '',
    trueWords: '1, true, yes',
    falseWords: '0, false, no',
    metrics,
    attributeColumns: attributeColumns.join(', '),
  };
}

/** An arm key from a value in the file: lowercase letters, digits, - and _. */
export function armKey(value: string, taken: Set<string>): string {
  const base =
    value
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || 'arm';
  let key = /^[a-z0-9]/.test(base) ? base : `a${base}`;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  taken.add(key);
  return key;
}

/** The mapping the API takes, from the dialog's form. */
export function buildMapping(form: MappingForm): FinishedTestMappingDto {
  const taken = new Set<string>();
  const arms = words(form.armValues).map((value) => ({
    value,
    key: armKey(value, taken),
    name: value,
    isControl: value === form.controlValue,
  }));
  return {
    unitColumn: form.unitColumn || null,
    armColumn: form.armColumn,
    arms,
    exposedAtColumn: form.exposedAtColumn || null,
    ...(form.exposureColumn ? { exposureColumn: form.exposureColumn, exposureValues: exposureValues(form.exposureValues, arms) } : {}),
    booleans: { true: words(form.trueWords), false: words(form.falseWords) },
    metrics: Object.entries(form.metrics)
      .filter(([, m]) => m.use)
      .map(([column, m]) => ({
        name: column,
        column,
        kind: m.kind,
        direction: m.direction,
        role: m.role,
        hypothesis: m.hypothesis,
        ...(m.covariateColumn && m.kind !== 'ratio' ? { covariateColumn: m.covariateColumn } : {}),
        ...(m.kind === 'ratio' ? { denominatorColumn: m.denominatorColumn || null } : {}),
      })),
    ...(words(form.attributeColumns).length > 0 ? { attributeColumns: words(form.attributeColumns) } : {}),
  };
}

/**
 * The exposure column's words mapped to arm keys: "seen=arm value" pairs, or with none given the arm column's own
 * words. A pair naming no arm maps to '' so the API names the field it refuses.
 */
export function exposureValues(text: string, arms: readonly { value: string; key: string }[]): Record<string, string> {
  const pairs = words(text);
  if (pairs.length === 0) return Object.fromEntries(arms.map((a) => [a.value, a.key]));
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      const seen = (at < 0 ? pair : pair.slice(0, at)).trim();
      const arm = (at < 0 ? pair : pair.slice(at + 1)).trim();
      return [seen, arms.find((a) => a.value === arm)?.key ?? ''];
    }),
  );
}
