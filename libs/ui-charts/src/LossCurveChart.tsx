import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { lossSeries } from './model-metrics';

export interface LossCurveChartProps {
  /** Normalised training loss after each iteration. */
  loss: readonly number[];
  /** Iterations planned, to keep the x-axis still while training runs. */
  iterations?: number;
  height?: number;
  width?: number;
  emptyText?: string;
  testId?: string;
}

/** Training loss per ALS iteration; drawn without animation so live updates do not flicker. */
export function LossCurveChart({
  loss,
  iterations,
  height = 220,
  width,
  emptyText = 'No iteration finished yet',
  testId = 'loss-curve-chart',
}: LossCurveChartProps) {
  if (loss.length === 0) return <div data-testid={testId}>{emptyText}</div>;
  const chart = (
    <LineChart data={lossSeries(loss)} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="iteration" type="number" domain={[1, Math.max(iterations ?? loss.length, 2)]} allowDecimals={false} />
      <YAxis tickFormatter={(v: number) => v.toPrecision(3)} domain={['auto', 'auto']} />
      <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? v.toPrecision(5) : String(v))} />
      <Line dataKey="loss" name="Loss" stroke="#1d6b8c" dot={false} isAnimationActive={false} />
    </LineChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}
