import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { versionSeries, type VersionMetric } from './model-metrics';

export interface ModelMetricsChartProps {
  points: readonly VersionMetric[];
  height?: number;
  width?: number;
  emptyText?: string;
  animate?: boolean;
  testId?: string;
}

const fmt = (value: unknown) => (typeof value === 'number' ? value.toFixed(4) : String(value ?? ''));

/** NDCG@10 per model version as bars, with the popularity baseline of each version as a line. */
export function ModelMetricsChart({
  points,
  height = 280,
  width,
  emptyText = 'No evaluated version yet',
  animate = true,
  testId = 'model-metrics-chart',
}: ModelMetricsChartProps) {
  const data = versionSeries(points);
  if (data.length === 0) return <div data-testid={testId}>{emptyText}</div>;
  const chart = (
    <ComposedChart data={data} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" />
      <YAxis tickFormatter={(v: number) => v.toFixed(2)} />
      <Tooltip formatter={fmt} />
      <Legend />
      <Bar dataKey="ndcg" name="Model NDCG@10" fill="#1d6b8c" isAnimationActive={animate} />
      <Line dataKey="baselineNdcg" name="Popularity NDCG@10" stroke="#d9730d" strokeWidth={2} isAnimationActive={animate} />
    </ComposedChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}
