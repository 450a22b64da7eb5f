import type { ActionFilter, DropOffCondition } from '@crosslane/domain-segments';
import { JourneyValidationError, type FunnelDefinition, type FunnelStep } from './funnel-types';

/**
 * Turns the drop-off before step `index` (0-based, >= 1) into a segment rule:
 * members who did step index-1 in the last `days` days and did not do step
 * `index` within the funnel's window after the first time. The earlier steps
 * are not required (the segment targets everyone stuck at that step, the
 * re-engagement audience), and a step's campaign filter is left out, since
 * a segment outlives the campaign. Both are said in docs/journeys.md.
 *
 * Example: for VIEW suspension -> ENROL suspension in 14 days, `dropOffRule(f, 1, 90)` gives
 * `{ dropOff: { reached: { type: 'VIEW', category: 'suspension' }, notFollowedBy: { type: 'ENROL', category: 'suspension' }, withinDays: 14, days: 90 } }`.
 */
export function dropOffRule(funnel: FunnelDefinition, index: number, days: number): DropOffCondition {
  if (!Number.isInteger(index) || index < 1 || index >= funnel.steps.length) {
    throw new JourneyValidationError([
      {
        path: 'step',
        message: `must be the index of a step after the first (1 to ${funnel.steps.length - 1}); a drop-off lies between two steps`,
      },
    ]);
  }
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new JourneyValidationError([{ path: 'days', message: 'must be a whole number of days from 1 to 3650' }]);
  }
  return {
    dropOff: {
      reached: actionOf(funnel.steps[index - 1]),
      notFollowedBy: actionOf(funnel.steps[index]),
      withinDays: funnel.windowDays,
      days,
    },
  };
}

function actionOf(step: FunnelStep): ActionFilter {
  const action: ActionFilter = { type: step.type };
  if (step.domain !== undefined) action.domain = step.domain;
  if (step.partnerId !== undefined) action.partnerId = step.partnerId;
  if (step.category !== undefined) action.category = step.category;
  if (step.categories !== undefined) action.categories = [...step.categories];
  if (step.kind !== undefined) action.kind = step.kind;
  if (step.itemId !== undefined) action.itemId = step.itemId;
  return action;
}
