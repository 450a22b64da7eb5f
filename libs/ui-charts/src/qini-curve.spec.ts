import { describe, expect, it } from 'vitest';
import { qiniRows } from './QiniCurveChart';

describe('qiniRows', () => {
  it('draws random targeting as the straight line to the curve end, beside the model', () => {
    expect(qiniRows([0, 50, 100], [0, 30, 40])).toEqual([
      { targeted: 0, model: 0, random: 0 },
      { targeted: 50, model: 30, random: 20 },
      { targeted: 100, model: 40, random: 40 },
    ]);
  });
});
