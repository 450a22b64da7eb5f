import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface FunnelChartStep {
  label: string;
  reached: number;
  /** Members lost since the previous step (0 on the first). */
  dropped: number;
}

export interface FunnelChartProps {
  steps: readonly FunnelChartStep[];
  /** Index of the step with the biggest drop-off, drawn in the warning colour. */
  highlight?: number | null;
  height?: number;
  width?: number;
  testId?: string;
}

/** One bar per step, stacked: the members who reached it, and above it the members lost on the way from the step before. */
export function funnelBars(steps: readonly FunnelChartStep[]): { label: string; reached: number; lost: number; lostText: string }[] {
  return steps.map((s, i) => {
    const before = s.reached + s.dropped;
    return {
      label: `${i + 1}. ${s.label}`,
      reached: s.reached,
      lost: s.dropped,
      lostText: i === 0 || before === 0 ? '' : `−${s.dropped} (${Math.round((100 * s.dropped) / before)}%)`,
    };
  });
}

/**
 * A funnel as bars with the drop between them: the solid part is who
 * reached the step, the pale part stacked on it who was lost since the step
 * before, labelled with the count and share lost.
 */
export function FunnelChart({ steps, highlight = null, height = 300, width, testId = 'funnel-chart' }: FunnelChartProps) {
  if (steps.length === 0 || steps[0].reached === 0) return <div data-testid={testId}>No member entered this funnel in the range</div>;
  const data = funnelBars(steps);
  const chart = (
    <BarChart data={data} width={width} height={height} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Bar dataKey="reached" name="Reached" stackId="f" fill="#1d6b8c" isAnimationActive={false}>
        <LabelList dataKey="reached" position="insideTop" fill="#fff" />
      </Bar>
      <Bar dataKey="lost" name="Lost since previous step" stackId="f" fill="#f2b8a0" isAnimationActive={false}>
        <LabelList dataKey="lostText" position="top" fill="#8a3b12" />
      </Bar>
    </BarChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height} data={{ 'data-highlight': highlight ?? '' }}>
      {chart}
    </ChartFrame>
  );
}
