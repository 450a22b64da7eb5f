import { CartesianGrid, ComposedChart, Legend, Line, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { tuningSeries, type TuningTrialPoint } from './tuning-series';

export interface TuningSearchChartProps {
  trials: readonly TuningTrialPoint[];
  height?: number;
  width?: number;
  testId?: string;
}

/** Validation NDCG@10 of every trial of a search (a dot per trial, coloured by algorithm) and the best so far (a step line). */
export function TuningSearchChart({ trials, height = 240, width, testId = 'tuning-search-chart' }: TuningSearchChartProps) {
  if (trials.length === 0) return <div data-testid={testId}>No trial finished yet</div>;
  const rows = tuningSeries(trials);
  const chart = (
    <ComposedChart data={rows} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="trial" type="number" domain={[1, Math.max(rows.length, 2)]} allowDecimals={false} />
      <YAxis tickFormatter={(v: number) => v.toFixed(2)} domain={[0, 'auto']} />
      <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
      <Legend />
      <Scatter dataKey="als" name="ALS trial" fill="#1d6b8c" isAnimationActive={false} />
      <Scatter dataKey="ease" name="EASE trial" fill="#c2571a" isAnimationActive={false} />
      <Line dataKey="best" name="Best so far" type="stepAfter" stroke="#2e7d32" dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}
