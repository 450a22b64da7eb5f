import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface RfmBucket {
  score: number;
  r: number;
  f: number;
  m: number;
}

export interface RfmDistributionChartProps {
  buckets: readonly RfmBucket[];
  height?: number;
  width?: number;
  testId?: string;
}

/** How many members have each score 1..5, for R, F and M side by side. */
export function RfmDistributionChart({ buckets, height = 240, width, testId = 'rfm-distribution' }: RfmDistributionChartProps) {
  const chart = (
    <BarChart data={[...buckets]} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="score" label={{ value: 'score', position: 'insideBottomRight', offset: -4 }} />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Legend />
      <Bar dataKey="r" name="Recency" fill="#1d6b8c" isAnimationActive={false} />
      <Bar dataKey="f" name="Frequency" fill="#d9730d" isAnimationActive={false} />
      <Bar dataKey="m" name="Monetary" fill="#5b8c1d" isAnimationActive={false} />
    </BarChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}
