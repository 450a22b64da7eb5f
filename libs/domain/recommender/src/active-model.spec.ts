import { describe, expect, it } from 'vitest';
import { activeModelFor, scopesServing } from './active-model';

describe('activeModelFor', () => {
  it('never gives partner items to a KNOWLEDGE model, even one activated last (the active-model bug)', () => {
    const all = { scope: 'ALL', id: 'all-v1' };
    const knowledge = { scope: 'KNOWLEDGE', id: 'knowledge-v2' };
    expect(activeModelFor([all, knowledge], 'PARTNER')).toBe(all);
    expect(activeModelFor([knowledge], 'PARTNER')).toBeUndefined();
  });

  it("prefers the domain's own model, and serves the whole catalogue only with the model of everything", () => {
    const all = { scope: 'ALL', id: 'a' };
    const partner = { scope: 'PARTNER', id: 'p' };
    const knowledge = { scope: 'KNOWLEDGE', id: 'k' };
    expect(activeModelFor([all, partner, knowledge], 'PARTNER')).toBe(partner);
    expect(activeModelFor([all, partner, knowledge], 'KNOWLEDGE')).toBe(knowledge);
    expect(activeModelFor([partner, knowledge], 'ALL')).toBeUndefined();
    expect(scopesServing('ALL')).toEqual(['ALL']);
  });

  it('keeps the first of two active models of one scope', () => {
    const older = { scope: 'PARTNER', id: 'v1' };
    expect(activeModelFor([older, { scope: 'PARTNER', id: 'v2' }], 'PARTNER')).toBe(older);
  });
});
