import { CALENDAR_DATE_RULE, parseCalendarDate } from '@crosslane/contracts';
import {
  COMPARISON_OPERATORS,
  DOMAINS,
  INTERACTION_TYPES,
  OPERATORS_BY_TYPE,
  RULE_FIELDS,
  type RuleError,
  type RuleNode,
} from './rule-types';

const MAX_DEPTH = 12;
const MAX_NODES = 200;
const NODE_KEYS = ['and', 'or', 'not', 'field', 'behaviour', 'rfm', 'affinity', 'propensity', 'dropOff', 'segment'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a segment rule tree and names the path of every problem: unknown
 * fields, wrong value types, bad operators, malformed combinators.
 * Method: a recursive walk of the JSON, checking each node against the rule
 * grammar in rule-types.ts (no source beyond this project's language).
 *
 * Example: `validateRule({ and: [{ field: 'spendd', op: 'gt', value: 1 }] })` gives
 * `[{ path: 'rule.and[0].field', message: 'unknown field "spendd"' }]`.
 */
export function validateRule(rule: unknown, root = 'rule'): RuleError[] {
  const errors: RuleError[] = [];
  let nodes = 0;

  const walk = (node: unknown, path: string, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) errors.push({ path, message: `a rule may have at most ${MAX_NODES} conditions` });
      return;
    }
    if (depth > MAX_DEPTH) {
      errors.push({ path, message: `a rule may nest at most ${MAX_DEPTH} levels` });
      return;
    }
    if (!isObject(node)) {
      errors.push({ path, message: 'must be an object (a condition or and/or/not)' });
      return;
    }
    const kind = NODE_KEYS.find((key) => key in node);
    if (!kind) {
      errors.push({ path, message: `must have one of ${NODE_KEYS.join(', ')}` });
      return;
    }
    switch (kind) {
      case 'and':
      case 'or': {
        onlyKeys(node, [kind], path, errors);
        const children = node[kind];
        if (!Array.isArray(children) || children.length === 0) {
          errors.push({ path: `${path}.${kind}`, message: 'must be a non-empty list of conditions' });
          return;
        }
        children.forEach((child, i) => walk(child, `${path}.${kind}[${i}]`, depth + 1));
        return;
      }
      case 'not':
        onlyKeys(node, ['not'], path, errors);
        walk(node.not, `${path}.not`, depth + 1);
        return;
      case 'field':
        validateField(node, path, errors);
        return;
      case 'behaviour':
      case 'rfm':
      case 'affinity':
      case 'propensity':
      case 'dropOff':
        onlyKeys(node, [kind], path, errors);
        NESTED_CONDITIONS[kind](node[kind], `${path}.${kind}`, errors);
        return;
      case 'segment':
        onlyKeys(node, ['segment'], path, errors);
        if (typeof node.segment !== 'string' || !UUID.test(node.segment)) {
          errors.push({ path: `${path}.segment`, message: 'must be the id (UUID) of another segment' });
        }
        return;
    }
  };

  walk(rule, root, 0);
  return errors;
}

/** The conditions whose one key holds an object of their own, each with the checker of that object. */
const NESTED_CONDITIONS: Record<
  'behaviour' | 'rfm' | 'affinity' | 'propensity' | 'dropOff',
  (value: unknown, path: string, errors: RuleError[]) => void
> = {
  behaviour: validateBehaviour,
  rfm: validateRfm,
  affinity: validateAffinity,
  propensity: validatePropensity,
  dropOff: validateDropOff,
};

function validateField(node: Record<string, unknown>, path: string, errors: RuleError[]): void {
  onlyKeys(node, ['field', 'op', 'value'], path, errors);
  if (typeof node.field !== 'string') {
    errors.push({ path: `${path}.field`, message: 'must be a field name' });
    return;
  }
  const definition = RULE_FIELDS[node.field];
  if (!definition || !Object.prototype.hasOwnProperty.call(RULE_FIELDS, node.field)) {
    errors.push({ path: `${path}.field`, message: `unknown field "${node.field}"; known fields: ${Object.keys(RULE_FIELDS).join(', ')}` });
    return;
  }
  const op = node.op;
  if (typeof op !== 'string' || !(COMPARISON_OPERATORS as readonly string[]).includes(op)) {
    errors.push({ path: `${path}.op`, message: `bad operator "${String(op)}"; must be one of ${COMPARISON_OPERATORS.join(', ')}` });
    return;
  }
  const allowed = OPERATORS_BY_TYPE[definition.type];
  if (!(allowed as readonly string[]).includes(op)) {
    errors.push({
      path: `${path}.op`,
      message: `operator "${op}" does not apply to ${definition.type} field "${node.field}"; use one of ${allowed.join(', ')}`,
    });
    return;
  }
  const check = (value: unknown, at: string) => {
    if (!valueHasType(value, definition.type)) {
      errors.push({ path: at, message: `${describeType(definition.type)} for field "${node.field}"; got ${JSON.stringify(value)}` });
    }
  };
  if (op === 'between') {
    if (!Array.isArray(node.value) || node.value.length !== 2) {
      errors.push({ path: `${path}.value`, message: 'between takes [low, high]' });
      return;
    }
    node.value.forEach((v, i) => check(v, `${path}.value[${i}]`));
  } else if (op === 'in') {
    if (!Array.isArray(node.value) || node.value.length === 0) {
      errors.push({ path: `${path}.value`, message: 'in takes a non-empty list' });
      return;
    }
    node.value.forEach((v, i) => check(v, `${path}.value[${i}]`));
  } else {
    check(node.value, `${path}.value`);
  }
}

function validateBehaviour(value: unknown, path: string, errors: RuleError[]): void {
  if (!isObject(value)) {
    errors.push({ path, message: 'must be an object {types?, category?, carCategories?, domain?, partnerId?, days, atLeast}' });
    return;
  }
  onlyKeys(value, ['types', 'category', 'carCategories', 'domain', 'partnerId', 'days', 'atLeast'], path, errors);
  if (value.types !== undefined) {
    if (!Array.isArray(value.types) || value.types.length === 0)
      errors.push({ path: `${path}.types`, message: `must be a non-empty list of ${INTERACTION_TYPES.join(', ')}` });
    else
      value.types.forEach((t, i) => {
        if (!(INTERACTION_TYPES as readonly unknown[]).includes(t))
          errors.push({
            path: `${path}.types[${i}]`,
            message: `unknown interaction type ${JSON.stringify(t)}; must be one of ${INTERACTION_TYPES.join(', ')}`,
          });
      });
  }
  if (value.category !== undefined && (typeof value.category !== 'string' || value.category === ''))
    errors.push({ path: `${path}.category`, message: 'must be a category name' });
  if (value.carCategories !== undefined && typeof value.carCategories !== 'boolean')
    errors.push({ path: `${path}.carCategories`, message: 'must be true or false' });
  validateWhereFilters(value, path, errors);
  integerIn(value.days, 1, 3650, `${path}.days`, errors);
  integerIn(value.atLeast, 1, 100_000, `${path}.atLeast`, errors);
}

/** The optional domain and partnerId filters, checked alike wherever a behaviour or an action may be narrowed by them. */
function validateWhereFilters(value: Record<string, unknown>, path: string, errors: RuleError[]): void {
  if (value.domain !== undefined && !(DOMAINS as readonly unknown[]).includes(value.domain))
    errors.push({ path: `${path}.domain`, message: `must be one of ${DOMAINS.join(', ')}` });
  if (value.partnerId !== undefined && (typeof value.partnerId !== 'string' || !UUID.test(value.partnerId)))
    errors.push({ path: `${path}.partnerId`, message: 'must be a partner id (UUID)' });
}

function validateDropOff(value: unknown, path: string, errors: RuleError[]): void {
  if (!isObject(value)) {
    errors.push({ path, message: 'must be an object {reached, notFollowedBy, withinDays, days}' });
    return;
  }
  onlyKeys(value, ['reached', 'notFollowedBy', 'withinDays', 'days'], path, errors);
  validateAction(value.reached, `${path}.reached`, errors);
  validateAction(value.notFollowedBy, `${path}.notFollowedBy`, errors);
  integerIn(value.withinDays, 1, 365, `${path}.withinDays`, errors);
  integerIn(value.days, 1, 3650, `${path}.days`, errors);
}

function validateAction(value: unknown, path: string, errors: RuleError[]): void {
  if (!isObject(value)) {
    errors.push({ path, message: 'must be an object {type, domain?, partnerId?, category?, itemId?}' });
    return;
  }
  onlyKeys(value, ['type', 'domain', 'partnerId', 'category', 'categories', 'kind', 'itemId'], path, errors);
  if (!(INTERACTION_TYPES as readonly unknown[]).includes(value.type))
    errors.push({ path: `${path}.type`, message: `must be one of ${INTERACTION_TYPES.join(', ')}` });
  validateWhereFilters(value, path, errors);
  if (value.category !== undefined && (typeof value.category !== 'string' || value.category === ''))
    errors.push({ path: `${path}.category`, message: 'must be a category name' });
  if (
    value.categories !== undefined &&
    (!Array.isArray(value.categories) || value.categories.length === 0 || !value.categories.every((c) => typeof c === 'string' && c !== ''))
  )
    errors.push({ path: `${path}.categories`, message: 'must be a non-empty list of category names' });
  if (value.kind !== undefined && (typeof value.kind !== 'string' || value.kind === ''))
    errors.push({ path: `${path}.kind`, message: 'must be an item kind' });
  if (value.itemId !== undefined && (typeof value.itemId !== 'string' || !/^[1-9][0-9]{0,18}$/.test(value.itemId)))
    errors.push({ path: `${path}.itemId`, message: 'must be an item id (a positive whole number, as a string)' });
}

function validateRfm(value: unknown, path: string, errors: RuleError[]): void {
  if (!isObject(value)) {
    errors.push({ path, message: 'must be an object {r?, f?, m?} of [low, high] score ranges' });
    return;
  }
  onlyKeys(value, ['r', 'f', 'm'], path, errors);
  const keys = (['r', 'f', 'm'] as const).filter((k) => value[k] !== undefined);
  if (keys.length === 0) errors.push({ path, message: 'needs at least one of r, f, m' });
  for (const key of keys) {
    const range = value[key];
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every((s) => Number.isInteger(s) && s >= 1 && s <= 5) ||
      range[0] > range[1]
    ) {
      errors.push({ path: `${path}.${key}`, message: 'must be [low, high] with whole scores 1..5 and low <= high' });
    }
  }
}

function validateAffinity(value: unknown, path: string, errors: RuleError[]): void {
  if (!isObject(value)) {
    errors.push({ path, message: 'must be an object {domain, category, op, value}' });
    return;
  }
  onlyKeys(value, ['domain', 'category', 'op', 'value'], path, errors);
  if (!(DOMAINS as readonly unknown[]).includes(value.domain))
    errors.push({ path: `${path}.domain`, message: `must be one of ${DOMAINS.join(', ')}` });
  if (typeof value.category !== 'string' || value.category === '')
    errors.push({ path: `${path}.category`, message: 'must be a category name' });
  if (!['gt', 'gte', 'lt', 'lte'].includes(value.op as string))
    errors.push({ path: `${path}.op`, message: `bad operator "${String(value.op)}"; must be one of gt, gte, lt, lte` });
  if (typeof value.value !== 'number' || !(value.value >= 0 && value.value <= 1))
    errors.push({ path: `${path}.value`, message: `must be a share between 0 and 1; got ${JSON.stringify(value.value)}` });
}

function validatePropensity(value: unknown, path: string, errors: RuleError[]): void {
  if (!isObject(value)) {
    errors.push({ path, message: 'must be an object {partnerId, category?, topPercent}' });
    return;
  }
  onlyKeys(value, ['partnerId', 'category', 'topPercent'], path, errors);
  if (typeof value.partnerId !== 'string' || !UUID.test(value.partnerId))
    errors.push({ path: `${path}.partnerId`, message: 'must be a partner id (UUID)' });
  if (value.category !== undefined && (typeof value.category !== 'string' || value.category === ''))
    errors.push({ path: `${path}.category`, message: 'must be a category name' });
  if (typeof value.topPercent !== 'number' || !(value.topPercent > 0 && value.topPercent <= 100))
    errors.push({ path: `${path}.topPercent`, message: `must be a percentage in (0, 100]; got ${JSON.stringify(value.topPercent)}` });
}

function integerIn(value: unknown, min: number, max: number, path: string, errors: RuleError[]): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    errors.push({ path, message: `must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}` });
  }
}

function onlyKeys(node: Record<string, unknown>, allowed: readonly string[], path: string, errors: RuleError[]): void {
  for (const key of Object.keys(node)) {
    if (!allowed.includes(key)) errors.push({ path: `${path}.${key}`, message: `unknown key "${key}"; expected ${allowed.join(', ')}` });
  }
}

function valueHasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && parseCalendarDate(value) !== null;
    default:
      return false;
  }
}

function describeType(type: string): string {
  return type === 'date' ? CALENDAR_DATE_RULE : `must be a ${type}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Type guard for callers that validated first. */
export function assertValidRule(rule: unknown, root = 'rule'): asserts rule is RuleNode {
  const errors = validateRule(rule, root);
  if (errors.length > 0) throw new RuleValidationError(errors);
}

export class RuleValidationError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'RuleValidationError';
  }
}
