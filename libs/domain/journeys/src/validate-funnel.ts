import {
  FUNNEL_DOMAINS,
  FUNNEL_INTERACTION_TYPES,
  FUNNEL_ORDERS,
  MAX_FUNNEL_STEPS,
  MAX_WINDOW_DAYS,
  JourneyValidationError,
  type FunnelDefinition,
  type FunnelStep,
  type JourneyError,
} from './funnel-types';

const STEP_KEYS = ['type', 'label', 'domain', 'partnerId', 'category', 'categories', 'kind', 'itemId', 'campaignId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_ID = /^[1-9][0-9]{0,18}$/;
/** Things a member does to an item at most once: the platform sells a course once, and a member rates an item once. */
const ONCE_PER_ITEM = new Set(['ENROL', 'PURCHASE', 'RATING']);
/** A rating is of something the member enrolled in or bought. */
const RATED_AFTER = new Set(['ENROL', 'PURCHASE']);

/**
 * Checks a funnel definition from the wire and names the step and field of
 * every problem: no steps, a window outside 1..365 days, an unknown type or
 * filter, or steps in an order no member can follow (in strict order: the
 * same one-time action on the same item twice, or rating an item before
 * enrolling in or buying it; in any order: the same one-time action twice).
 * Whether a partner, item or campaign exists is the caller's check (it needs
 * the database); this one is pure.
 * Method: a walk of the JSON against the grammar in funnel-types.ts.
 *
 * Example: `validateFunnel({ steps: [], windowDays: 0, order: 'strict' })` gives
 * `[{ path: 'steps', message: 'a funnel needs at least 1 step' }, { path: 'windowDays', message: 'must be a whole number of days from 1 to 365' }]`.
 */
export function validateFunnel(input: unknown): JourneyError[] {
  const errors: JourneyError[] = [];
  if (!isObject(input)) return [{ path: 'funnel', message: 'must be an object with steps, windowDays and order' }];
  const steps = input.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    errors.push({ path: 'steps', message: 'a funnel needs at least 1 step' });
  } else if (steps.length > MAX_FUNNEL_STEPS) {
    errors.push({ path: 'steps', message: `a funnel may have at most ${MAX_FUNNEL_STEPS} steps` });
  } else {
    steps.forEach((step, i) => validateStep(step, `steps[${i}]`, errors));
  }
  const windowDays = input.windowDays;
  if (typeof windowDays !== 'number' || !Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
    errors.push({ path: 'windowDays', message: `must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}` });
  }
  if (!(FUNNEL_ORDERS as readonly unknown[]).includes(input.order)) {
    errors.push({ path: 'order', message: `must be one of ${FUNNEL_ORDERS.join(', ')}` });
  }
  if (errors.length === 0) errors.push(...orderErrors(input as unknown as FunnelDefinition));
  return errors;
}

/** validateFunnel, throwing JourneyValidationError; returns the definition typed. */
export function assertValidFunnel(input: unknown): FunnelDefinition {
  const errors = validateFunnel(input);
  if (errors.length > 0) throw new JourneyValidationError(errors);
  const funnel = input as FunnelDefinition;
  return { steps: funnel.steps.map((s) => ({ ...s })), windowDays: funnel.windowDays, order: funnel.order };
}

function validateStep(step: unknown, path: string, errors: JourneyError[]): void {
  if (!isObject(step)) {
    errors.push({ path, message: 'must be an object with a type and optional filters' });
    return;
  }
  for (const key of Object.keys(step)) {
    if (!(STEP_KEYS as readonly string[]).includes(key))
      errors.push({ path: `${path}.${key}`, message: `unknown filter; use ${STEP_KEYS.join(', ')}` });
  }
  if (!(FUNNEL_INTERACTION_TYPES as readonly unknown[]).includes(step.type)) {
    errors.push({ path: `${path}.type`, message: `must be one of ${FUNNEL_INTERACTION_TYPES.join(', ')}` });
  }
  if (step.domain !== undefined && !(FUNNEL_DOMAINS as readonly unknown[]).includes(step.domain)) {
    errors.push({ path: `${path}.domain`, message: `must be one of ${FUNNEL_DOMAINS.join(', ')}` });
  }
  if (step.type === 'ENROL' && step.domain === 'PARTNER') {
    errors.push({ path: `${path}.domain`, message: 'members enrol only in knowledge items; a partner item is bought' });
  }
  if (step.partnerId !== undefined && (typeof step.partnerId !== 'string' || !UUID.test(step.partnerId))) {
    errors.push({ path: `${path}.partnerId`, message: 'must be a partner id (UUID)' });
  }
  if (step.campaignId !== undefined && (typeof step.campaignId !== 'string' || !UUID.test(step.campaignId))) {
    errors.push({ path: `${path}.campaignId`, message: 'must be a campaign id (UUID)' });
  }
  if (step.itemId !== undefined && (typeof step.itemId !== 'string' || !BIGINT_ID.test(step.itemId))) {
    errors.push({ path: `${path}.itemId`, message: 'must be an item id (a positive whole number, as a string)' });
  }
  if (step.category !== undefined && (typeof step.category !== 'string' || step.category.trim() === '' || step.category.length > 200)) {
    errors.push({ path: `${path}.category`, message: 'must be a category name of 1 to 200 characters' });
  }
  if (
    step.categories !== undefined &&
    (!Array.isArray(step.categories) ||
      step.categories.length === 0 ||
      step.categories.length > 200 ||
      !step.categories.every((c) => typeof c === 'string' && c.trim() !== '' && c.length <= 200))
  ) {
    errors.push({ path: `${path}.categories`, message: 'must be a list of 1 to 200 category names' });
  }
  if (step.kind !== undefined && (typeof step.kind !== 'string' || step.kind.trim() === '' || step.kind.length > 60)) {
    errors.push({ path: `${path}.kind`, message: 'must be an item kind of 1 to 60 characters (course, kit, ...)' });
  }
  if (step.label !== undefined && (typeof step.label !== 'string' || step.label.length > 120)) {
    errors.push({ path: `${path}.label`, message: 'must be text of at most 120 characters' });
  }
}

function orderErrors(funnel: FunnelDefinition): JourneyError[] {
  const errors: JourneyError[] = [];
  funnel.steps.forEach((later, j) => {
    if (!later.itemId) return;
    for (let i = 0; i < j; i += 1) {
      const earlier = funnel.steps[i];
      if (earlier.itemId !== later.itemId) continue;
      if (earlier.type === later.type && ONCE_PER_ITEM.has(later.type)) {
        errors.push({
          path: `steps[${j}].type`,
          message: `step ${j + 1} repeats step ${i + 1} (${later.type} of item ${later.itemId}), which a member does once: no one can reach it`,
        });
      } else if (funnel.order === 'strict' && earlier.type === 'RATING' && RATED_AFTER.has(later.type)) {
        errors.push({
          path: `steps[${j}].type`,
          message: `step ${j + 1} (${later.type}) comes after rating the same item in step ${i + 1}, but a member rates only what they enrolled in or bought`,
        });
      }
    }
  });
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a step for charts: "PURCHASE · PARTNER · body-kits". */
export function describeStep(step: FunnelStep): string {
  if (step.label) return step.label;
  const parts: string[] = [step.type];
  if (step.domain) parts.push(step.domain);
  if (step.kind) parts.push(step.kind);
  if (step.category) parts.push(step.category);
  if (step.categories) parts.push(step.categories.length <= 2 ? step.categories.join(' or ') : `${step.categories.length} categories`);
  if (step.itemId) parts.push(`item ${step.itemId}`);
  if (step.partnerId) parts.push(`partner ${step.partnerId.slice(0, 8)}`);
  if (step.campaignId) parts.push(`campaign ${step.campaignId.slice(0, 8)}`);
  return parts.join(' · ');
}
