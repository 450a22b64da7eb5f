import type { FunnelBreakdownInput, FunnelDefinitionInput, FunnelGroupDto, FunnelStepInput } from '@crosslane/contracts';

/** The builder's state, as the form holds it: text fields stay text until a run. */
export interface StepDraft {
  type: FunnelStepInput['type'];
  domain: '' | 'KNOWLEDGE' | 'PARTNER';
  category: string;
  kind: string;
  partnerId: string;
  itemId: string;
}

export const EMPTY_STEP: StepDraft = { type: 'VIEW', domain: '', category: '', kind: '', partnerId: '', itemId: '' };

/** The definition the API takes: empty filters left out, categories split on commas (several mean "any of"). */
export function toDefinition(steps: readonly StepDraft[], windowDays: number, order: 'strict' | 'any'): FunnelDefinitionInput {
  return {
    steps: steps.map((s) => {
      const step: FunnelStepInput = { type: s.type };
      if (s.domain) step.domain = s.domain;
      const categories = s.category
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      if (categories.length === 1) step.category = categories[0];
      if (categories.length > 1) step.categories = categories;
      if (s.kind.trim()) step.kind = s.kind.trim();
      if (s.partnerId) step.partnerId = s.partnerId;
      if (s.itemId.trim()) step.itemId = s.itemId.trim();
      return step;
    }),
    windowDays,
    order,
  };
}

/** Back from a saved definition to the form. */
export function toDrafts(definition: FunnelDefinitionInput): StepDraft[] {
  return definition.steps.map((s) => ({
    type: s.type,
    domain: s.domain ?? '',
    category: s.categories ? s.categories.join(', ') : (s.category ?? ''),
    kind: s.kind ?? '',
    partnerId: s.partnerId ?? '',
    itemId: s.itemId ?? '',
  }));
}

export function breakdownOf(by: string, segmentIds: string[], campaignId: string): FunnelBreakdownInput | undefined {
  if (!by) return undefined;
  if (by === 'segment') return { by: 'segment', segmentIds };
  if (by === 'campaignArm') return { by: 'campaignArm', campaignId };
  return { by: by as FunnelBreakdownInput['by'] };
}

/** "3 h 20 min", "2.5 days": a time between steps a reader takes in at once. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

export function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

/** The sentence under a chart: where the funnel loses the most. */
export function dropOffSentence(group: FunnelGroupDto): string {
  const d = group.biggestDropOff;
  if (!d) return group.entered === 0 ? 'No member entered this funnel in the range.' : 'No drop-off: a single step.';
  return `Biggest drop-off: before step ${d.index + 1} (${d.label}), ${d.lost} of ${d.lost + group.steps[d.index].reached} lost (${percent(d.share)}).`;
}
