import { describe, expect, it } from 'vitest';
import { parseRuleText, RULE_EXAMPLES } from './rule-text';

describe('parseRuleText', () => {
  it('parses a rule and says where bad JSON breaks', () => {
    expect(parseRuleText('{"rfm":{"r":[4,5]}}')).toEqual({ rule: { rfm: { r: [4, 5] } }, error: null });
    expect(parseRuleText('{"rfm":').error).toMatch(/^Not valid JSON/);
    expect(parseRuleText('  ').error).toMatch(/Write a rule/);
  });

  it('offers examples that are valid JSON round-trips', () => {
    for (const example of RULE_EXAMPLES) expect(parseRuleText(JSON.stringify(example.rule)).rule).toEqual(example.rule);
  });
});
