import type { RuleError, RuleNode } from './rule-types';

/** Every `{ segment: id }` leaf of a (validated) rule, with its path. */
export function segmentReferences(rule: RuleNode, root = 'rule'): { id: string; path: string }[] {
  const found: { id: string; path: string }[] = [];
  const walk = (node: RuleNode, path: string) => {
    if ('and' in node) node.and.forEach((c, i) => walk(c, `${path}.and[${i}]`));
    else if ('or' in node) node.or.forEach((c, i) => walk(c, `${path}.or[${i}]`));
    else if ('not' in node) walk(node.not, `${path}.not`);
    else if ('segment' in node) found.push({ id: node.segment, path: `${path}.segment` });
  };
  walk(rule, root);
  return found;
}

/**
 * Refuses references to unknown segments and cycles of segment references
 * (A uses B uses A), naming the path and the cycle.
 * Method: depth-first search with an on-stack set (Tarjan-style back-edge
 * detection, Cormen et al., "Introduction to Algorithms", 22.3).
 *
 * Example: for segment A whose rule is `{ segment: B }` while B's rule is
 * `{ segment: A }`, `segmentReferenceErrors('A', ruleA, lookup, names)` gives
 * `[{ path: 'rule.segment', message: 'segment reference cycle: A -> B -> A' }]`.
 *
 * @param selfId the id of the segment being saved (null for a new one or a preview)
 * @param rulesById the stored rules of the other segments (null for segments without a rule)
 * @param names display names, for the message
 */
export function segmentReferenceErrors(
  selfId: string | null,
  rule: RuleNode,
  rulesById: ReadonlyMap<string, RuleNode | null>,
  names: ReadonlyMap<string, string> = new Map(),
): RuleError[] {
  const errors: RuleError[] = [];
  const label = (id: string) => names.get(id) ?? id;
  const rulesOf = (id: string): RuleNode | null => (id === selfId ? rule : (rulesById.get(id) ?? null));

  for (const ref of segmentReferences(rule)) {
    if (ref.id !== selfId && !rulesById.has(ref.id)) {
      errors.push({ path: ref.path, message: `unknown segment ${ref.id}` });
      continue;
    }
    const cycle = findCycle(ref.id, selfId, rulesOf);
    if (cycle)
      errors.push({
        path: ref.path,
        message: `segment reference cycle: ${[selfId ?? '(this segment)', ...cycle].map((id) => (id === '(this segment)' ? id : label(id))).join(' -> ')}`,
      });
  }
  return errors;
}

/** A path start -> ... -> target through segment references, or a cycle among others reached from start. */
function findCycle(start: string, selfId: string | null, rulesOf: (id: string) => RuleNode | null): string[] | null {
  const onStack: string[] = [];
  const done = new Set<string>();
  const visit = (id: string): string[] | null => {
    if (selfId !== null && id === selfId) return [...onStack, id];
    const at = onStack.indexOf(id);
    if (at >= 0) return [...onStack, id];
    if (done.has(id)) return null;
    onStack.push(id);
    const rule = rulesOf(id);
    if (rule) {
      for (const next of segmentReferences(rule)) {
        const cycle = visit(next.id);
        if (cycle) return cycle;
      }
    }
    onStack.pop();
    done.add(id);
    return null;
  };
  return visit(start);
}
