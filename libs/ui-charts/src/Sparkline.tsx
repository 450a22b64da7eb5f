import { Line, LineChart, YAxis } from 'recharts';

export interface SparklineProps {
  values: readonly number[];
  width?: number;
  height?: number;
  color?: string;
  testId?: string;
}

/** A tiny trend line without axes (e.g. a segment's daily sizes); a dash when there is under two points. */
export function Sparkline({ values, width = 96, height = 24, color = '#1d6b8c', testId = 'sparkline' }: SparklineProps) {
  if (values.length < 2) return <span data-testid={testId}>—</span>;
  const data = values.map((value, index) => ({ index, value }));
  return (
    <span data-testid={testId} aria-label={`trend from ${values[0]} to ${values[values.length - 1]}`}>
      <LineChart width={width} height={height} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={['dataMin', 'dataMax']} />
        <Line type="monotone" dataKey="value" stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
