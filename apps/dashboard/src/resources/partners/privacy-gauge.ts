/**
 * The fuel gauge of the partner page: a half dial from empty (left) to full
 * (right), the needle at the share of the month's epsilon budget left.
 * Plain maths at module level, outside the component.
 * Example: budgetGauge(6, 1.5) gives { leftShare: 0.75, label: '4.50 of 6 epsilon left', tone: 'ok' }
 */
export interface BudgetGauge {
  leftShare: number;
  label: string;
  tone: 'ok' | 'low' | 'empty';
}

export function budgetGauge(budget: number, spent: number): BudgetGauge {
  const left = Math.max(0, budget - spent);
  const leftShare = budget > 0 ? Math.min(1, left / budget) : 0;
  return {
    leftShare,
    label: `${left.toFixed(2)} of ${budget} epsilon left`,
    tone: leftShare <= 0 ? 'empty' : leftShare < 0.2 ? 'low' : 'ok',
  };
}

/** The needle's end for a dial of radius r centred at (cx, cy): angle pi (empty) to 0 (full). */
export function needlePoint(leftShare: number, cx: number, cy: number, r: number): { x: number; y: number } {
  const angle = Math.PI * (1 - leftShare);
  return { x: Math.round((cx + r * Math.cos(angle)) * 100) / 100, y: Math.round((cy - r * Math.sin(angle)) * 100) / 100 };
}
