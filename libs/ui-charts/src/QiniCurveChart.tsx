import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface QiniCurveChartProps {
  /** Units targeted, best predicted uplift first (0 first). */
  x: readonly number[];
  /** Incremental outcomes among them. */
  y: readonly number[];
  height?: number;
  width?: number;
  animate?: boolean;
  testId?: string;
}

/** Random targeting: the straight line from (0, 0) to the curve's end, drawn beside the model's curve. */
export function qiniRows(x: readonly number[], y: readonly number[]): { targeted: number; model: number; random: number }[] {
  const lastX = x[x.length - 1] ?? 0;
  const lastY = y[y.length - 1] ?? 0;
  return x.map((v, i) => ({ targeted: v, model: y[i] ?? 0, random: lastX > 0 ? (lastY * v) / lastX : 0 }));
}

/**
 * The Qini curve of an uplift model on held-out units: incremental
 * conversions as more units are targeted in the model's order. Above the
 * random line, the model ranks better than random targeting.
 */
export function QiniCurveChart({ x, y, height = 260, width, animate = true, testId = 'qini-curve-chart' }: QiniCurveChartProps) {
  const chart = (
    <LineChart data={qiniRows(x, y)} width={width} height={width === undefined ? undefined : height}>
      <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.5} />
      <XAxis type="number" dataKey="targeted" domain={[0, 'dataMax']} />
      <YAxis />
      <Tooltip />
      <Legend />
      <Line dataKey="model" name="Model" stroke="#1d6b8c" dot={false} isAnimationActive={animate} />
      <Line dataKey="random" name="Random targeting" stroke="#999" strokeDasharray="4 4" dot={false} isAnimationActive={animate} />
    </LineChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height} box="fill">
      {chart}
    </ChartFrame>
  );
}
