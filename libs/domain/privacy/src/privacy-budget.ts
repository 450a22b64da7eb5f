/**
 * The privacy budget of a NOISE agreement: epsilon per period (a calendar
 * month, UTC), spent by sequential composition (Dwork and Roth, "The
 * Algorithmic Foundations of Differential Privacy", 2014, Theorem 3.16: the
 * epsilons of releases about the same people add up). Amounts are kept in
 * millionths of epsilon, as integers, so repeated charges never drift.
 *
 * Example: chargeBudget({ spentMicros: 5_900_000 }, 0.1, 6, new Date('2026-12-06T10:00:00Z'))
 *   gives { allowed: true, spentMicros: 6_000_000, leftMicros: 0 }
 */

export const MICROS = 1_000_000;

export interface BudgetPeriod {
  /** "2026-12" */
  period: string;
  startsOn: Date;
  refreshesOn: Date;
}

/** The calendar month (UTC) `now` falls in, and when the budget refreshes. */
export function budgetPeriod(now: Date): BudgetPeriod {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return {
    period: `${y}-${String(m + 1).padStart(2, '0')}`,
    startsOn: new Date(Date.UTC(y, m, 1)),
    refreshesOn: new Date(Date.UTC(y, m + 1, 1)),
  };
}

export function toMicros(epsilon: number): number {
  if (!Number.isFinite(epsilon) || epsilon < 0) throw new Error(`An epsilon must be a non-negative number; got ${epsilon}`);
  return Math.round(epsilon * MICROS);
}

export type BudgetCharge =
  | { allowed: true; spentMicros: number; leftMicros: number }
  | { allowed: false; rule: 'BUDGET_EXHAUSTED'; message: string; refreshesOn: Date; leftMicros: number };

/** Charges epsilonPerQuery against the period's budget, or refuses naming the date it refreshes. The ledger is not mutated. */
export function chargeBudget(ledger: { spentMicros: number }, epsilonPerQuery: number, epsilonBudget: number, now: Date): BudgetCharge {
  const cost = toMicros(epsilonPerQuery);
  const budget = toMicros(epsilonBudget);
  if (cost <= 0) throw new Error('chargeBudget requires a positive epsilon per query');
  const left = Math.max(0, budget - ledger.spentMicros);
  if (cost > left) {
    const { refreshesOn } = budgetPeriod(now);
    return {
      allowed: false,
      rule: 'BUDGET_EXHAUSTED',
      refreshesOn,
      leftMicros: left,
      message: `the privacy budget for ${budgetPeriod(now).period} is spent (${(left / MICROS).toFixed(2)} of ${epsilonBudget} epsilon left, ${epsilonPerQuery} needed); it refreshes on ${refreshesOn.toISOString().slice(0, 10)}`,
    };
  }
  return { allowed: true, spentMicros: ledger.spentMicros + cost, leftMicros: left - cost };
}
