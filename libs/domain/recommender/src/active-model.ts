/**
 * Which active recommender model serves a domain: the one rule the serving
 * cache and the profile and segment features share. A model is trained for a
 * scope (everything, knowledge items only, partner items only) and one version
 * per scope is ACTIVE. A domain is served by its own scope's model when one is
 * active, else by the model of everything; the model of everything serves
 * only the whole catalogue. A KNOWLEDGE model never serves partner items: it
 * has no factors for them.
 */

export type ModelScope = 'ALL' | 'KNOWLEDGE' | 'PARTNER';

/**
 * scopesServing: the scopes whose model may serve a domain, in order of preference.
 * Example: scopesServing('PARTNER') gives ['PARTNER', 'ALL']; scopesServing('ALL') gives ['ALL']
 */
export function scopesServing(domain: ModelScope): ModelScope[] {
  return domain === 'ALL' ? ['ALL'] : [domain, 'ALL'];
}

/**
 * activeModelFor: of the active models (at most one kept per scope, the
 * first in `active` order: callers list them oldest version first, so should
 * two of a scope ever be active the older one wins, as serving always has),
 * the one that serves `domain`, or undefined when none may.
 * Example: activeModelFor([{scope: 'ALL', id: 'a'}, {scope: 'KNOWLEDGE', id: 'k'}], 'PARTNER') gives {scope: 'ALL', id: 'a'}
 */
export function activeModelFor<M extends { scope: string }>(active: Iterable<M>, domain: ModelScope): M | undefined {
  const byScope = new Map<string, M>();
  for (const model of active) if (!byScope.has(model.scope)) byScope.set(model.scope, model);
  for (const scope of scopesServing(domain)) {
    const model = byScope.get(scope);
    if (model) return model;
  }
  return undefined;
}
