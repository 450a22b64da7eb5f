import { RULE_FIELDS, type ActionFilter, type FieldCondition, type RuleNode, type ScalarValue } from './rule-types';

export interface CompileContext {
  /** "The last D days" count back from here; interactions after it are ignored. */
  readonly asOf: Date;
  /** Knowledge categories about cars, for `carCategories: true` (carVocabulary of the interest taxonomy). */
  readonly carCategories: readonly string[];
  /** Knowledge tags about cars: an item with one of them counts as a car item too. */
  readonly carTags?: readonly string[];
  /** The rule of a referenced rule-based segment, to inline; null to use its stored membership (clusters). */
  segmentRule(id: string): RuleNode | null;
  /**
   * The mean item-factor vector of a partner's items (in a category), from
   * the active model; null when there is no active model.
   */
  propensityVector(partnerId: string, category: string | undefined): number[] | null;
}

export interface CompiledRule {
  /** A boolean SQL expression over `m` (member) and `p` (member_profile, LEFT JOINed), with $1..$n placeholders. */
  readonly where: string;
  readonly params: unknown[];
}

export class PropensityUnavailableError extends Error {
  constructor(readonly path: string) {
    super(`${path}: propensity needs an active recommender model, and none is active`);
    this.name = 'PropensityUnavailableError';
  }
}

/**
 * Compiles a validated rule tree into one parameterised SQL condition, so
 * the database evaluates the segment set-wise (no member is loaded into
 * the application). Behaviour conditions become `m.id IN (SELECT ... GROUP
 * BY ... HAVING count(*) >= N)` semi-joins; every leaf is wrapped in
 * COALESCE(..., false) so NOT of a member without a profile is true, as
 * two-valued logic expects. Values only ever travel as parameters.
 * Method: syntax-directed translation (Aho, Lam, Sethi, Ullman, "Compilers",
 * ch. 5) of the rule grammar to SQL.
 *
 * Example: `compileRule({ field: 'monetary', op: 'gte', value: 500 }, ctx)` gives
 * `{ where: 'COALESCE(p.monetary >= $1::numeric, false)', params: [500] }`.
 */
export function compileRule(rule: RuleNode, context: CompileContext, firstParam = 1): CompiledRule {
  const params: unknown[] = [];
  const param = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}::${cast}`;
  };
  const asOf = context.asOf.toISOString();

  const compile = (node: RuleNode, path: string, inlining: readonly string[]): string => {
    if ('and' in node) return `(${node.and.map((c, i) => compile(c, `${path}.and[${i}]`, inlining)).join(' AND ')})`;
    if ('or' in node) return `(${node.or.map((c, i) => compile(c, `${path}.or[${i}]`, inlining)).join(' OR ')})`;
    if ('not' in node) return `(NOT ${compile(node.not, `${path}.not`, inlining)})`;
    if ('field' in node) return `COALESCE(${fieldSql(node, param)}, false)`;
    if ('rfm' in node) {
      const parts = (['r', 'f', 'm'] as const)
        .filter((k) => node.rfm[k])
        .map((k) => `p."${k}Score" BETWEEN ${param(node.rfm[k]![0], 'int')} AND ${param(node.rfm[k]![1], 'int')}`);
      return `COALESCE(${parts.join(' AND ')}, false)`;
    }
    if ('affinity' in node) {
      const a = node.affinity;
      return `(COALESCE((p."categoryAffinity" -> ${param(a.domain, 'text')} ->> ${param(a.category, 'text')})::float8, 0) ${SQL_OPS[a.op]} ${param(a.value, 'float8')})`;
    }
    if ('behaviour' in node) {
      const b = node.behaviour;
      const filters = [
        `i."occurredAt" >= ${param(asOf, 'timestamp')} - make_interval(days => ${param(b.days, 'int')})`,
        `i."occurredAt" < ${param(asOf, 'timestamp')}`,
      ];
      if (b.types) filters.push(`i.type = ANY(${param(b.types, '"InteractionType"[]')})`);
      const needsItem = b.category !== undefined || b.carCategories || b.domain !== undefined || b.partnerId !== undefined;
      if (b.category !== undefined) filters.push(`it.category = ${param(b.category, 'text')}`);
      if (b.carCategories)
        filters.push(
          `it.domain = 'KNOWLEDGE' AND (it.category = ANY(${param([...context.carCategories], 'text[]')}) OR it.tags && ${param([...(context.carTags ?? [])], 'text[]')})`,
        );
      if (b.domain !== undefined) filters.push(`it.domain = ${param(b.domain, '"ItemDomain"')}`);
      if (b.partnerId !== undefined) filters.push(`it."partnerId" = ${param(b.partnerId, 'uuid')}`);
      return (
        `(m.id IN (SELECT i."memberId" FROM interaction i${needsItem ? ' JOIN item it ON it.id = i."itemId"' : ''} ` +
        `WHERE ${filters.join(' AND ')} GROUP BY i."memberId" HAVING count(*) >= ${param(b.atLeast, 'int')}))`
      );
    }
    if ('dropOff' in node) {
      // The first `reached` in the last D days, with no `notFollowedBy` after it within W days (and before asOf).
      const d = node.dropOff;
      const action = (a: ActionFilter, alias: string, itemAlias: string): { join: string; where: string } => {
        const where = [`${alias}.type = ${param(a.type, '"InteractionType"')}`];
        if (a.domain !== undefined) where.push(`${itemAlias}.domain = ${param(a.domain, '"ItemDomain"')}`);
        if (a.partnerId !== undefined) where.push(`${itemAlias}."partnerId" = ${param(a.partnerId, 'uuid')}`);
        if (a.category !== undefined) where.push(`${itemAlias}.category = ${param(a.category, 'text')}`);
        if (a.categories !== undefined) where.push(`${itemAlias}.category = ANY(${param(a.categories, 'text[]')})`);
        if (a.kind !== undefined) where.push(`${itemAlias}.kind = ${param(a.kind, 'text')}`);
        if (a.itemId !== undefined) where.push(`${alias}."itemId" = ${param(a.itemId, 'bigint')}`);
        const needsItem =
          a.domain !== undefined ||
          a.partnerId !== undefined ||
          a.category !== undefined ||
          a.categories !== undefined ||
          a.kind !== undefined;
        return { join: needsItem ? ` JOIN item ${itemAlias} ON ${itemAlias}.id = ${alias}."itemId"` : '', where: where.join(' AND ') };
      };
      const first = action(d.reached, 'da', 'dia');
      const then = action(d.notFollowedBy, 'db', 'dib');
      const at = param(asOf, 'timestamp');
      return (
        `(m.id IN (SELECT f."memberId" FROM (SELECT da."memberId", min(da."occurredAt") AS at FROM interaction da${first.join} ` +
        `WHERE ${first.where} AND da."occurredAt" >= ${at} - make_interval(days => ${param(d.days, 'int')}) AND da."occurredAt" < ${at} ` +
        `GROUP BY da."memberId") f WHERE NOT EXISTS (SELECT 1 FROM interaction db${then.join} WHERE db."memberId" = f."memberId" AND ${then.where} ` +
        `AND db."occurredAt" > f.at AND db."occurredAt" <= f.at + make_interval(days => ${param(d.withinDays, 'int')}) AND db."occurredAt" < ${at})))`
      );
    }
    if ('propensity' in node) {
      const vector = context.propensityVector(node.propensity.partnerId, node.propensity.category);
      if (!vector) throw new PropensityUnavailableError(`${path}.propensity`);
      return (
        `(m.id IN (SELECT r."memberId" FROM (SELECT s."memberId", row_number() OVER (ORDER BY s.score DESC, s."memberId") AS rn, count(*) OVER () AS n ` +
        `FROM (SELECT pp."memberId", (SELECT sum(a * b) FROM unnest(pp."latentFactors", ${param(vector, 'float8[]')}) AS t(a, b)) AS score ` +
        `FROM member_profile pp WHERE cardinality(pp."latentFactors") = ${param(vector.length, 'int')}) s) r ` +
        `WHERE r.rn <= ceil(r.n * ${param(node.propensity.topPercent, 'float8')} / 100.0)))`
      );
    }
    // { segment: id }: inline a rule segment's rule, or use a stored membership.
    const referenced = inlining.includes(node.segment) ? null : context.segmentRule(node.segment);
    if (referenced) return compile(referenced, `${path}.segment`, [...inlining, node.segment]);
    return `(EXISTS (SELECT 1 FROM segment_membership sm WHERE sm."segmentId" = ${param(node.segment, 'uuid')} AND sm."memberId" = m.id))`;
  };

  return { where: compile(rule, 'rule', []), params };
}

const SQL_OPS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function fieldSql(node: FieldCondition, param: (value: unknown, cast: string) => string): string {
  const definition = RULE_FIELDS[node.field];
  const cast = { number: 'numeric', string: 'text', boolean: 'boolean', date: 'timestamp' }[definition.type];
  const column = definition.column;
  if (node.op === 'between') {
    const [low, high] = node.value as ScalarValue[];
    return `${column} BETWEEN ${param(low, cast)} AND ${param(high, cast)}`;
  }
  if (node.op === 'in') return `${column} = ANY(${param(node.value, `${cast}[]`)})`;
  return `${column} ${SQL_OPS[node.op]} ${param(node.value, cast)}`;
}

/** The FROM clause every compiled rule is written against. */
export const SEGMENT_FROM = 'member m LEFT JOIN member_profile p ON p."memberId" = m.id';

/** `SELECT count(*)` of the members a compiled rule matches. */
export function countQuery(compiled: CompiledRule): string {
  return `SELECT count(*)::int AS count FROM ${SEGMENT_FROM} WHERE ${compiled.where}`;
}

/** `SELECT m.id` of the members a compiled rule matches (for INSERT ... SELECT). */
export function membersQuery(compiled: CompiledRule): string {
  return `SELECT m.id AS "memberId" FROM ${SEGMENT_FROM} WHERE ${compiled.where}`;
}
