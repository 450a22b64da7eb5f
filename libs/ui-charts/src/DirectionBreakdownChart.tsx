import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
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
export function DirectionBreakdownChart({
  rows,
  metricLabel = 'NDCG@10',
  height = 240,
  width,
  animate = true,
  testId = 'direction-breakdown-chart',
}: DirectionBreakdownChartProps) {
  const chart = (
    <BarChart data={[...rows]} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      {/* Every direction named, on two lines: one line each was too wide, and recharts then skipped every other label. */}
      <XAxis dataKey="direction" interval={0} height={44} tick={<DirectionTick />} />
      <YAxis tickFormatter={(v: number) => v.toFixed(2)} />
      <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? v.toFixed(4) : 'n/a')} />
      <Legend />
      <Bar dataKey="model" name={`Model ${metricLabel}`} fill="#1d6b8c" isAnimationActive={animate} />
      <Bar dataKey="baseline" name={`Popularity ${metricLabel}`} fill="#d9730d" isAnimationActive={animate} />
    </BarChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}

/** "knowledge->partner" as "knowledge" over "→ partner". */
function DirectionTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const [from, to] = String(payload?.value ?? '').split('->');
  return (
    <text x={x} y={y} textAnchor="middle" fill="#666" fontSize={12}>
      <tspan x={x} dy="1em">
        {from}
      </tspan>
      {to ? <tspan x={x} dy="1.2em">{`→ ${to}`}</tspan> : null}
    </text>
  );
}
