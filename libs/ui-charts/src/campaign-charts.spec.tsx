import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CumulativeConversionChart } from './CumulativeConversionChart';
import { toCumulativeRows } from './cumulative-conversion';
import { LiftIntervalChart, liftDomain } from './LiftIntervalChart';

const days = [
  { day: '2025-01-01', variants: { control: { members: 4, conversions: 1, rate: 0.25 } } },
  { day: '2025-01-02', variants: { control: { members: 10, conversions: 1, rate: 0.1 }, kit: { members: 8, conversions: 2, rate: 0.25 } } },
];

describe('toCumulativeRows', () => {
  it('gives each variant its rate in percent, and null before it has members (doc example)', () => {
    expect(toCumulativeRows([{ day: '2025-01-01', variants: { a: { members: 4, conversions: 1, rate: 0.25 } } }], ['a'])).toEqual([
      { day: '2025-01-01', a: 25 },
    ]);
    expect(toCumulativeRows(days, ['control', 'kit'])).toEqual([
      { day: '2025-01-01', control: 25, kit: null },
      { day: '2025-01-02', control: 10, kit: 25 },
    ]);
  });
});

describe('CumulativeConversionChart', () => {
  it('draws one line per variant with its name in the legend', () => {
    const { container } = render(
      <CumulativeConversionChart
        days={days}
        series={[
          { key: 'control', name: 'Holdout' },
          { key: 'kit', name: 'Kit trial' },
        ]}
        width={600}
        animate={false}
      />,
    );
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(container.querySelector('.recharts-legend-wrapper')?.textContent).toContain('Kit trial');
  });
  it('says so when nobody is assigned yet', () => {
    render(<CumulativeConversionChart days={[]} series={[]} width={600} />);
    expect(screen.getByTestId('cumulative-conversion-chart').textContent).toMatch(/No members assigned/);
  });
});

describe('LiftIntervalChart', () => {
  it('centres zero in a domain that holds every interval', () => {
    const [lo, hi] = liftDomain([
      { label: 'a', estimate: 0.5, lower: 0.2, upper: 0.8 },
      { label: 'b', estimate: -0.1, lower: -0.4, upper: 0.2 },
    ]);
    expect(lo).toBeCloseTo(-0.92, 10);
    expect(hi).toBeCloseTo(0.92, 10);
  });
  it('draws a bar per treatment', () => {
    const { container } = render(
      <LiftIntervalChart lifts={[{ label: 'Kit', estimate: 0.5, lower: 0.2, upper: 0.8 }]} unit=" pp" width={600} animate={false} />,
    );
    expect(screen.getByTestId('lift-interval-chart').querySelector('svg')).not.toBeNull();
    expect(container.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThanOrEqual(1);
  });
});
