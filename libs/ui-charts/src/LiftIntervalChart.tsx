import { Bar, CartesianGrid, ComposedChart, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface LiftInterval {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
}

export interface LiftIntervalChartProps {
  lifts: readonly LiftInterval[];
  /** Appended to the axis ticks and tooltip, e.g. " pp". */
  unit?: string;
  height?: number;
  width?: number;
  animate?: boolean;
  testId?: string;
}

/** Symmetric domain around 0 that holds every interval, so "no effect" sits in the middle. */
export function liftDomain(lifts: readonly LiftInterval[]): [number, number] {
  const reach = Math.max(1e-9, ...lifts.flatMap((l) => [Math.abs(l.lower), Math.abs(l.upper)]));
  const padded = reach * 1.15;
  return [-padded, padded];
}

/**
 * Lift against control per treatment: the confidence interval as a bar from
 * lower to upper, the estimate as a dot, and a line at zero. An interval
 * clear of zero is a significant lift (before multiple-testing adjustment).
 */
export function LiftIntervalChart({
  lifts,
  unit = '',
  height,
  width,
  animate = true,
  testId = 'lift-interval-chart',
}: LiftIntervalChartProps) {
  const h = height ?? 60 + lifts.length * 48;
  const rows = lifts.map((l) => ({
    label: l.label,
    range: [l.lower, l.upper] as [number, number],
    estimate: l.estimate,
    lower: l.lower,
    upper: l.upper,
  }));
  const fmt = (v: number) => `${Number(v.toPrecision(3))}${unit}`;
  const chart = (
    <ComposedChart
      layout="vertical"
      data={rows}
      width={width}
      height={width === undefined ? undefined : h}
      margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} strokeOpacity={0.5} />
      <XAxis type="number" domain={liftDomain(lifts)} tickFormatter={fmt} />
      <YAxis type="category" dataKey="label" width={160} tickLine={false} />
      <Tooltip
        formatter={(_value, _name, item) => {
          const p = item?.payload as { estimate: number; lower: number; upper: number } | undefined;
          return p ? [`${fmt(p.estimate)} [${fmt(p.lower)}, ${fmt(p.upper)}]`, 'Lift [95% CI]'] : ['', ''];
        }}
      />
      <ReferenceLine x={0} stroke="#888" />
      <Bar dataKey="range" fill="#1d6b8c" fillOpacity={0.35} barSize={14} isAnimationActive={animate} />
      <Scatter dataKey="estimate" fill="#1d6b8c" isAnimationActive={animate} />
    </ComposedChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={h} box="fill">
      {chart}
    </ChartFrame>
  );
}
