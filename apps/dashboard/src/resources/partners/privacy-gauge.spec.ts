import { describe, expect, it } from 'vitest';
import { budgetGauge, needlePoint } from './privacy-gauge';

describe('budget gauge', () => {
  it('reads the share left (the doc example) and turns low, then empty', () => {
    expect(budgetGauge(6, 1.5)).toEqual({ leftShare: 0.75, label: '4.50 of 6 epsilon left', tone: 'ok' });
    expect(budgetGauge(6, 5.5).tone).toBe('low');
    expect(budgetGauge(1, 1)).toEqual({ leftShare: 0, label: '0.00 of 1 epsilon left', tone: 'empty' });
  });

  it('points the needle left when empty, up at half, right when full', () => {
    expect(needlePoint(0, 50, 50, 40)).toEqual({ x: 10, y: 50 });
    expect(needlePoint(0.5, 50, 50, 40)).toEqual({ x: 50, y: 10 });
    expect(needlePoint(1, 50, 50, 40)).toEqual({ x: 90, y: 50 });
  });
});
