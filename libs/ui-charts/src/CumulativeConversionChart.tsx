import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { toCumulativeRows, type CumulativeConversionDay } from './cumulative-conversion';

export interface CumulativeConversionChartProps {
  days: readonly CumulativeConversionDay[];
  /** Variants in legend order, with display names. */
  series: readonly { key: string; name: string }[];
  height?: number;
  width?: number;
  animate?: boolean;
  emptyText?: string;
  testId?: string;
}

const PALETTE = ['#6b7280', '#1d6b8c', '#d9730d', '#2e7d32', '#8e24aa', '#c62828'];

/** Cumulative conversion rate per variant over time: one line per variant, control first. */
export function CumulativeConversionChart({
  days,
  series,
  height = 300,
  width,
  animate = true,
  emptyText = 'No members assigned yet.',
  testId = 'cumulative-conversion-chart',
}: CumulativeConversionChartProps) {
  if (days.length === 0) {
    return (
      <div data-testid={testId} style={{ height, width, display: 'flex', alignItems: 'center', justifyContent: 'center', opacity: 0.7 }}>
        {emptyText}
      </div>
    );
  }
  const rows = toCumulativeRows(
    days,
    series.map((s) => s.key),
  );
  const chart = (
    <LineChart
      data={rows}
      width={width}
      height={width === undefined ? undefined : height}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.5} />
      <XAxis dataKey="day" minTickGap={32} tickLine={false} />
      <YAxis width={56} tickLine={false} axisLine={false} unit="%" />
      <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(2)}%` : String(value ?? ''))} />
      <Legend verticalAlign="top" height={32} />
      {series.map((s, i) => (
        <Line
          key={s.key}
          type="monotone"
          dataKey={s.key}
          name={s.name}
          stroke={PALETTE[i % PALETTE.length]}
          strokeWidth={2}
          dot={false}
          connectNulls
          isAnimationActive={animate}
        />
      ))}
    </LineChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height} box="fill">
      {chart}
    </ChartFrame>
  );
}
