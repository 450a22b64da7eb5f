import { metricSlots, validateMetricDefinitions, type MetricDefinition, type MetricSlots } from './metric-definition';

/**
 * How the columns of a finished test's file (one row per unit) map onto a
 * campaign: which column holds the unit id and the arm, which arm value is
 * the control, optional exposure columns, and one named metric per column.
 */
export interface FinishedTestMapping {
  /** Column of the analyst's unit id; null when every row is a unit (the line number becomes the id). */
  readonly unitColumn: string | null;
  readonly armColumn: string;
  /** One entry per arm value found in the file; rows with any other value are refused as "unknown arm". */
  readonly arms: readonly FinishedTestArm[];
  /**
   * A second column saying which arm the unit actually saw (e.g. landing_page beside group), with its
   * values mapped to arm keys: a row where the two disagree is refused as "arm/exposure mismatch".
   */
  readonly exposureColumn?: string | null;
  readonly exposureValues?: Readonly<Record<string, string>>;
  /** Column of the exposure time (ISO 8601), optional. */
  readonly exposedAtColumn?: string | null;
  /** How booleans are written; default true: 1, true, yes; false: 0, false, no (case-insensitive). */
  readonly booleans?: { readonly true: readonly string[]; readonly false: readonly string[] };
  readonly metrics: readonly FinishedTestMetric[];
  /**
   * Unit attribute columns kept with each unit (e.g. history_segment, channel), so the
   * effects of a concluded test can be broken down by them. Values are kept as text
   * (trimmed, at most ATTRIBUTE_VALUE_MAX characters); an empty cell is kept as "".
   */
  readonly attributeColumns?: readonly string[] | null;
}

export interface FinishedTestArm {
  /** The value in the arm column. */
  readonly value: string;
  readonly key: string;
  readonly name: string;
  readonly isControl: boolean;
  /** Intended share (relative), for the sample-ratio check; default equal shares. */
  readonly weight?: number;
}

export interface FinishedTestMetric extends MetricDefinition {
  readonly column: string;
  /** Ratio metrics: the denominator's column. */
  readonly denominatorColumn?: string | null;
  /** The metric's pre-period covariate column (CUPED). */
  readonly covariateColumn?: string | null;
}

export interface MappingProblem {
  readonly field: string;
  readonly message: string;
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** At most this many attribute columns per mapping: each is a breakdown a manager reads, not a feature store. */
export const ATTRIBUTE_COLUMNS_MAX = 20;
/** An attribute value is a band label; longer text is cut to this length. */
export const ATTRIBUTE_VALUE_MAX = 100;
const DEFAULT_TRUE = ['1', 'true', 'yes'];
const DEFAULT_FALSE = ['0', 'false', 'no'];

/** The metric definitions a mapping gives the campaign (covariate: true where a covariate column is mapped). */
export function mappingMetricDefinitions(mapping: FinishedTestMapping): MetricDefinition[] {
  return mapping.metrics.map((m) => ({
    name: m.name,
    kind: m.kind,
    direction: m.direction,
    role: m.role,
    hypothesis: m.hypothesis ?? 'two-sided',
    covariate: Boolean(m.covariateColumn),
  }));
}

/**
 * Checks a mapping, and when the file's header is known that every column
 * it names exists. Every problem names its field (`mapping.metrics[0].column`).
 *
 * Example: validateFinishedTestMapping({unitColumn: 'id', armColumn: 'group', arms: [], metrics: []})[0].field === 'mapping.arms'.
 */
export function validateFinishedTestMapping(raw: unknown, header?: readonly string[]): MappingProblem[] {
  const f = 'mapping';
  if (!raw || typeof raw !== 'object') return [{ field: f, message: 'mapping must be an object' }];
  const m = raw as Record<string, unknown>;
  const problems: MappingProblem[] = [];
  const columns = new Set(header ?? []);
  const column = (field: string, value: unknown, optional: boolean) => {
    if (value === undefined || value === null || value === '') {
      if (!optional) problems.push({ field, message: `${field} must name a column` });
      return;
    }
    if (typeof value !== 'string') problems.push({ field, message: `${field} must be a column name` });
    else if (header && !columns.has(value))
      problems.push({ field, message: `${field}: the file has no column "${value}" (columns: ${header.join(', ')})` });
  };
  column(`${f}.unitColumn`, m.unitColumn, true);
  column(`${f}.armColumn`, m.armColumn, false);
  column(`${f}.exposureColumn`, m.exposureColumn, true);
  column(`${f}.exposedAtColumn`, m.exposedAtColumn, true);
  if (!Array.isArray(m.arms) || m.arms.length < 2) {
    problems.push({ field: `${f}.arms`, message: `${f}.arms must list at least 2 arms (a control and a treatment)` });
  } else {
    const keys = new Set<string>();
    const values = new Set<string>();
    let controls = 0;
    m.arms.forEach((a: unknown, i) => {
      const at = `${f}.arms[${i}]`;
      const arm = (a ?? {}) as Record<string, unknown>;
      if (typeof arm.value !== 'string' || arm.value === '')
        problems.push({ field: `${at}.value`, message: `${at}.value must be the arm's value in the file` });
      else if (values.has(arm.value)) problems.push({ field: `${at}.value`, message: `${at}.value "${arm.value}" is mapped twice` });
      else values.add(arm.value);
      if (typeof arm.key !== 'string' || !KEY.test(arm.key))
        problems.push({ field: `${at}.key`, message: `${at}.key must be 1-40 lowercase letters, digits, _ or -` });
      else if (keys.has(arm.key)) problems.push({ field: `${at}.key`, message: `${at}.key "${arm.key}" is used twice` });
      else keys.add(arm.key);
      if (typeof arm.name !== 'string' || arm.name.trim() === '' || arm.name.length > 100)
        problems.push({ field: `${at}.name`, message: `${at}.name must be 1-100 characters` });
      if (arm.isControl === true) controls++;
      if (arm.weight !== undefined && !(typeof arm.weight === 'number' && arm.weight > 0 && Number.isFinite(arm.weight)))
        problems.push({ field: `${at}.weight`, message: `${at}.weight must be a positive number` });
    });
    if (controls !== 1)
      problems.push({
        field: `${f}.arms`,
        message: `${f}.arms must mark exactly one arm as the control (isControl: true), got ${controls}`,
      });
    if (m.exposureColumn) {
      const ev = m.exposureValues as Record<string, unknown> | undefined;
      if (!ev || typeof ev !== 'object' || Object.keys(ev).length === 0)
        problems.push({
          field: `${f}.exposureValues`,
          message: `${f}.exposureValues must map each value of the exposure column to an arm key`,
        });
      else
        for (const [value, key] of Object.entries(ev))
          if (typeof key !== 'string' || !keys.has(key))
            problems.push({
              field: `${f}.exposureValues.${value}`,
              message: `${f}.exposureValues.${value} must be one of the arm keys (${[...keys].join(', ')})`,
            });
    }
  }
  if (m.attributeColumns !== undefined && m.attributeColumns !== null) {
    const at = `${f}.attributeColumns`;
    if (!Array.isArray(m.attributeColumns) || m.attributeColumns.length > ATTRIBUTE_COLUMNS_MAX)
      problems.push({ field: at, message: `${at} must be a list of at most ${ATTRIBUTE_COLUMNS_MAX} column names` });
    else {
      const seen = new Set<string>();
      m.attributeColumns.forEach((c: unknown, i) => {
        column(`${at}[${i}]`, c, false);
        if (typeof c !== 'string') return;
        if (seen.has(c)) problems.push({ field: `${at}[${i}]`, message: `${at}[${i}]: column "${c}" is listed twice` });
        else if (c === m.armColumn || c === m.unitColumn)
          problems.push({ field: `${at}[${i}]`, message: `${at}[${i}]: "${c}" is the unit or arm column, not an attribute` });
        seen.add(c);
      });
    }
  }
  if (m.booleans !== undefined) {
    const b = m.booleans as Record<string, unknown>;
    const ok = (x: unknown) => Array.isArray(x) && x.length > 0 && x.every((v) => typeof v === 'string');
    if (!b || !ok(b.true) || !ok(b.false))
      problems.push({ field: `${f}.booleans`, message: `${f}.booleans must be {true: [...], false: [...]}, lists of the words used` });
    else if ((b.true as string[]).some((t) => (b.false as string[]).map((x) => x.toLowerCase()).includes(t.toLowerCase())))
      problems.push({ field: `${f}.booleans`, message: `${f}.booleans lists a word as both true and false` });
  }
  problems.push(
    ...validateMetricDefinitions(
      Array.isArray(m.metrics)
        ? m.metrics.map((x: Record<string, unknown>) => ({ ...x, covariate: Boolean(x?.covariateColumn) }))
        : m.metrics,
      `${f}.metrics`,
    ),
  );
  if (Array.isArray(m.metrics)) {
    m.metrics.forEach((x: Record<string, unknown>, i) => {
      column(`${f}.metrics[${i}].column`, x?.column, false);
      column(`${f}.metrics[${i}].covariateColumn`, x?.covariateColumn, true);
      column(`${f}.metrics[${i}].denominatorColumn`, x?.denominatorColumn, x?.kind !== 'ratio');
    });
  }
  return problems;
}

/** Why a row is refused; each reason is counted separately in the import report. */
export const UNIT_REFUSALS = {
  unknownArm: 'unknown arm',
  duplicateConflict: 'duplicate unit with conflicting values',
  exposureMismatch: 'arm/exposure mismatch',
  unparseableMetric: 'unparseable metric',
  missingUnit: 'missing unit id',
  unparseableExposedAt: 'unparseable exposure time',
} as const;
export type UnitRefusal = (typeof UNIT_REFUSALS)[keyof typeof UNIT_REFUSALS];

export interface ParsedUnit {
  readonly unitKey: string;
  readonly variantKey: string;
  readonly exposedAt: Date | null;
  /** In the slot order of metricSlots(mapping.metrics). */
  readonly values: number[];
  /** The mapping's attribute columns and this unit's values (text); null when the mapping keeps none. */
  readonly attributes: Readonly<Record<string, string>> | null;
}

export interface UnitRowProblem {
  readonly reason: UnitRefusal;
  readonly field: string;
  readonly value: string | null;
  readonly message: string;
}

/** A compiled mapping: looks up arms, booleans and slots once, then parses rows. */
export class FinishedTestRowParser {
  readonly slots: MetricSlots[];
  readonly width: number;
  private readonly armOf: Map<string, string>;
  private readonly trueWords: Set<string>;
  private readonly falseWords: Set<string>;

  constructor(readonly mapping: FinishedTestMapping) {
    this.slots = metricSlots(mapping.metrics.map((m) => ({ kind: m.kind, covariate: Boolean(m.covariateColumn) })));
    this.width = Math.max(-1, ...this.slots.flatMap((s) => [s.value, s.denominator ?? -1, s.covariate ?? -1])) + 1;
    this.armOf = new Map(mapping.arms.map((a) => [a.value, a.key]));
    this.trueWords = new Set((mapping.booleans?.true ?? DEFAULT_TRUE).map((w) => w.toLowerCase()));
    this.falseWords = new Set((mapping.booleans?.false ?? DEFAULT_FALSE).map((w) => w.toLowerCase()));
  }

  /**
   * One row to a unit, or the first problem that refuses it (checked in
   * the order: unit id, arm, exposure, metrics, exposure time). `line` is
   * the file's line (the header is line 1).
   *
   * Example: with arms [{value: 'control', ...}], a row {group: 'contrl'} answers reason 'unknown arm', field 'group'.
   */
  parse(record: Readonly<Record<string, string | undefined>>, line: number): { unit: ParsedUnit } | { problem: UnitRowProblem } {
    const m = this.mapping;
    const cell = (c: string) => (record[c] ?? '').trim();
    const fail = (reason: UnitRefusal, field: string, message: string) => ({
      problem: { reason, field, value: cell(field).slice(0, 200), message: `row ${line}, field ${field}: ${message}` },
    });
    const unitKey = m.unitColumn ? cell(m.unitColumn) : `row-${line}`;
    if (m.unitColumn && (unitKey === '' || unitKey.length > 200))
      return fail(UNIT_REFUSALS.missingUnit, m.unitColumn, 'the unit id is empty (or longer than 200 characters)');
    const armValue = cell(m.armColumn);
    const variantKey = this.armOf.get(armValue);
    if (!variantKey)
      return fail(UNIT_REFUSALS.unknownArm, m.armColumn, `"${armValue}" is not a mapped arm (${m.arms.map((a) => a.value).join(', ')})`);
    if (m.exposureColumn) {
      const seen = cell(m.exposureColumn);
      const seenKey = m.exposureValues?.[seen];
      if (seenKey !== variantKey)
        return fail(UNIT_REFUSALS.exposureMismatch, m.exposureColumn, `the unit is in arm "${armValue}" but saw "${seen}"`);
    }
    const values = new Array<number>(this.width);
    for (let i = 0; i < m.metrics.length; i++) {
      const metric = m.metrics[i];
      const slot = this.slots[i];
      const v = this.number(cell(metric.column), metric.kind === 'binary');
      if (v === null)
        return fail(
          UNIT_REFUSALS.unparseableMetric,
          metric.column,
          metric.kind === 'binary'
            ? `"${cell(metric.column)}" is not a boolean (${[...this.trueWords].join('/')} or ${[...this.falseWords].join('/')})`
            : `"${cell(metric.column)}" is not a number`,
        );
      values[slot.value] = v;
      if (slot.denominator !== null && metric.denominatorColumn) {
        const d = this.number(cell(metric.denominatorColumn), false);
        if (d === null)
          return fail(UNIT_REFUSALS.unparseableMetric, metric.denominatorColumn, `"${cell(metric.denominatorColumn)}" is not a number`);
        values[slot.denominator] = d;
      }
      if (slot.covariate !== null && metric.covariateColumn) {
        const c = this.number(cell(metric.covariateColumn), false);
        if (c === null)
          return fail(UNIT_REFUSALS.unparseableMetric, metric.covariateColumn, `"${cell(metric.covariateColumn)}" is not a number`);
        values[slot.covariate] = c;
      }
    }
    let exposedAt: Date | null = null;
    if (m.exposedAtColumn && cell(m.exposedAtColumn) !== '') {
      const text = cell(m.exposedAtColumn);
      exposedAt = /^\d{4}-\d{2}-\d{2}/.test(text)
        ? new Date(text.includes('T') || text.length === 10 ? text : text.replace(' ', 'T'))
        : new Date(Number.NaN);
      if (Number.isNaN(exposedAt.getTime()))
        return fail(UNIT_REFUSALS.unparseableExposedAt, m.exposedAtColumn, `"${text}" is not an ISO 8601 date-time`);
    }
    let attributes: Record<string, string> | null = null;
    if (m.attributeColumns && m.attributeColumns.length > 0) {
      attributes = {};
      for (const c of m.attributeColumns) attributes[c] = cell(c).slice(0, ATTRIBUTE_VALUE_MAX);
    }
    return { unit: { unitKey, variantKey, exposedAt, values, attributes } };
  }

  private number(text: string, binary: boolean): number | null {
    if (binary) {
      const lower = text.toLowerCase();
      if (this.trueWords.has(lower)) return 1;
      if (this.falseWords.has(lower)) return 0;
      return null;
    }
    if (text === '') return null;
    const v = Number(text);
    return Number.isFinite(v) ? v : null;
  }
}

/** A row refused, with its line. */
export interface UnitRejection extends UnitRowProblem {
  readonly rowNumber: number;
}

/**
 * Collects parsed units across a file and settles duplicates: a unit seen
 * again with the same arm, values and exposure time is kept once (the
 * repeat counted as a duplicate, not refused); a unit seen with different
 * values is refused on every row it appears on, since no row can be
 * trusted over the other.
 */
export class FinishedTestCollector {
  private readonly units = new Map<string, { unit: ParsedUnit; rowNumber: number; signature: string; conflictRows: number[] | null }>();
  readonly rejections: UnitRejection[] = [];
  identicalDuplicates = 0;
  rowsRead = 0;

  constructor(private readonly parser: FinishedTestRowParser) {}

  add(record: Readonly<Record<string, string | undefined>>, line: number): void {
    this.rowsRead++;
    const parsed = this.parser.parse(record, line);
    if ('problem' in parsed) {
      this.rejections.push({ ...parsed.problem, rowNumber: line });
      return;
    }
    const u = parsed.unit;
    const signature = `${u.variantKey}|${u.exposedAt?.getTime() ?? ''}|${u.values.join(',')}|${u.attributes ? JSON.stringify(u.attributes) : ''}`;
    const seen = this.units.get(u.unitKey);
    if (!seen) {
      this.units.set(u.unitKey, { unit: u, rowNumber: line, signature, conflictRows: null });
      return;
    }
    if (seen.conflictRows === null && seen.signature === signature) {
      this.identicalDuplicates++;
      return;
    }
    (seen.conflictRows ??= []).push(line);
  }

  /** The units kept, and every refusal (conflicting duplicates included) in line order. */
  finish(): { units: (ParsedUnit & { rowNumber: number })[]; rejections: UnitRejection[]; identicalDuplicates: number; rowsRead: number } {
    const units: (ParsedUnit & { rowNumber: number })[] = [];
    const field = this.parser.mapping.unitColumn ?? 'row';
    for (const { unit, rowNumber, conflictRows } of this.units.values()) {
      if (conflictRows === null) {
        units.push({ ...unit, rowNumber });
        continue;
      }
      for (const line of [rowNumber, ...conflictRows]) {
        this.rejections.push({
          reason: UNIT_REFUSALS.duplicateConflict,
          field,
          value: unit.unitKey.slice(0, 200),
          message: `row ${line}, field ${field}: unit "${unit.unitKey}" appears on rows ${[rowNumber, ...conflictRows].join(', ')} with different values`,
          rowNumber: line,
        });
      }
    }
    this.rejections.sort((a, b) => a.rowNumber - b.rowNumber);
    return { units, rejections: this.rejections, identicalDuplicates: this.identicalDuplicates, rowsRead: this.rowsRead };
  }
}

/** Rows refused per reason, as the import report states them. */
export function countByReason(rejections: readonly { reason: string; rowNumber: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  const seen = new Set<number>();
  for (const r of rejections) {
    if (seen.has(r.rowNumber)) continue;
    seen.add(r.rowNumber);
    out[r.reason] = (out[r.reason] ?? 0) + 1;
  }
  return out;
}

/** The Hillstrom (2008) MineThatData e-mail test as a saved mapping of the finished-test import. */
export const HILLSTROM_MAPPING: FinishedTestMapping = {
  unitColumn: null,
  armColumn: 'segment',
  arms: [
    { value: 'No E-Mail', key: 'control', name: 'No E-Mail', isControl: true },
    { value: 'Mens E-Mail', key: 'mens', name: 'Mens E-Mail', isControl: false },
    { value: 'Womens E-Mail', key: 'womens', name: 'Womens E-Mail', isControl: false },
  ],
  metrics: [
    { name: 'conversion', column: 'conversion', kind: 'binary', direction: 'increase', role: 'primary' },
    { name: 'visit', column: 'visit', kind: 'binary', direction: 'increase', role: 'secondary' },
    { name: 'spend', column: 'spend', kind: 'mean', direction: 'increase', role: 'secondary', covariateColumn: 'history' },
  ],
  // The customer bands the challenge asks about ("for whom did it work"); history itself is the spend covariate.
  attributeColumns: ['history_segment', 'recency', 'zip_code', 'channel', 'newbie', 'mens', 'womens'],
};
