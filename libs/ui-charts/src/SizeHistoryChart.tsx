import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface SizePoint {
  takenOn: string;
  size: number;
}

export interface SizeHistoryChartProps {
  points: readonly SizePoint[];
  height?: number;
  width?: number;
  emptyText?: string;
  testId?: string;
}

/** A segment's daily size over time. */
export function SizeHistoryChart({
  points,
  height = 240,
  width,
  emptyText = 'No snapshots yet: the daily job records one per day',
  testId = 'size-history',
}: SizeHistoryChartProps) {
  if (points.length === 0) return <div data-testid={testId}>{emptyText}</div>;
  const chart = (
    <LineChart data={[...points]} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="takenOn" />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Line type="monotone" dataKey="size" name="Members" stroke="#1d6b8c" dot={points.length < 40} isAnimationActive={false} />
    </LineChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}
