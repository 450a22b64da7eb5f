import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DirectionMetric } from './model-metrics';

export interface DirectionBreakdownChartProps {
  rows: readonly DirectionMetric[];
  metricLabel?: string;
  height?: number;
  width?: number;
  animate?: boolean;
  testId?: string;
}

/** A metric per recommendation direction (knowledge->partner, ...), model beside popularity. */
export function DirectionBreakdownChart({ rows, metricLabel = 'NDCG@10', height = 240, width, animate = true, testId = 'direction-breakdown-chart' }: DirectionBreakdownChartProps) {
  const chart = (
    <BarChart data={[...rows]} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="direction" />
      <YAxis tickFormatter={(v: number) => v.toFixed(2)} />
      <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? v.toFixed(4) : 'n/a')} />
      <Legend />
      <Bar dataKey="model" name={`Model ${metricLabel}`} fill="#1d6b8c" isAnimationActive={animate} />
      <Bar dataKey="baseline" name={`Popularity ${metricLabel}`} fill="#d9730d" isAnimationActive={animate} />
    </BarChart>
  );
  return <div data-testid={testId}>{width ? chart : <ResponsiveContainer width="100%" height={height}>{chart}</ResponsiveContainer>}</div>;
}
