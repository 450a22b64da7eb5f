/** Parses the editor's JSON text; the error says where the JSON breaks. */
export function parseRuleText(text: string): { rule: unknown; error: null } | { rule: null; error: string } {
  if (text.trim() === '') return { rule: null, error: 'Write a rule, e.g. {"rfm":{"r":[4,5]}}' };
  try {
    return { rule: JSON.parse(text), error: null };
  } catch (e) {
    return { rule: null, error: `Not valid JSON: ${(e as Error).message}` };
  }
}

/** Example rules the editor offers as starting points. */
export const RULE_EXAMPLES: { label: string; rule: unknown }[] = [
  { label: 'Recent, frequent spenders', rule: { rfm: { r: [4, 5], f: [4, 5], m: [4, 5] } } },
  {
    label: 'Car learners (2+ car enrolments in 90 days)',
    rule: { behaviour: { types: ['ENROL'], carCategories: true, days: 90, atLeast: 2 } },
  },
  {
    label: 'Car-curious who never bought a part',
    rule: { and: [{ field: 'carInterest', op: 'gte', value: 0.3 }, { not: { field: 'partnerPurchases', op: 'gt', value: 0 } }] },
  },
];
