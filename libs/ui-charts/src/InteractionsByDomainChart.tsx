import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { withMovingAverage, type DomainDay } from './moving-average';

export interface InteractionsByDomainChartProps {
  /** One row per day; missing days are drawn as zero. */
  points: readonly DomainDay[];
  /** Days in the moving average drawn as a line over the daily counts. */
  window?: number;
  height?: number;
  /** Fixed width in pixels; without it the chart fills its parent's width. */
  width?: number;
  labels?: {
    knowledge: string;
    partner: string;
    daily: (domain: string) => string;
    average: (domain: string, window: number) => string;
  };
  colors?: { knowledge: string; partner: string };
  /** Formats the x-axis ticks and the tooltip heading. */
  formatDay?: (day: string) => string;
  emptyText?: string;
  animate?: boolean;
  testId?: string;
}

const DEFAULT_LABELS = {
  knowledge: 'Knowledge',
  partner: 'Partner',
  daily: (domain: string) => `${domain}, daily`,
  average: (domain: string, window: number) => `${domain}, ${window}-day average`,
};
const DEFAULT_COLORS = { knowledge: '#1d6b8c', partner: '#d9730d' };
/** Both domains get the same two series (the daily area, its average line), knowledge first. */
const DOMAINS = ['KNOWLEDGE', 'PARTNER'] as const;
const LABEL_KEY = { KNOWLEDGE: 'knowledge', PARTNER: 'partner' } as const;

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

const formatCount = (value: unknown) =>
  typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 1 }) : String(value ?? '');

/**
 * Interactions per day by domain: the daily counts as shaded areas (one per
 * domain, in the legend) and their trailing moving average as a line.
 */
export function InteractionsByDomainChart({
  points,
  window = 7,
  height = 320,
  width,
  labels = DEFAULT_LABELS,
  colors = DEFAULT_COLORS,
  formatDay = shortDay,
  emptyText = 'No interactions in this period.',
  animate = true,
  testId = 'interactions-chart',
}: InteractionsByDomainChartProps) {
  const rows = withMovingAverage(points, window);
  if (rows.length === 0) {
    return (
      <div data-testid={testId} style={{ height, width, display: 'flex', alignItems: 'center', justifyContent: 'center', opacity: 0.7 }}>
        {emptyText}
      </div>
    );
  }

  const chart = (
    <ComposedChart
      data={rows}
      width={width}
      height={width === undefined ? undefined : height}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.5} />
      <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={32} tickLine={false} />
      <YAxis allowDecimals={false} width={56} tickLine={false} axisLine={false} tickFormatter={formatCount} />
      <Tooltip
        labelFormatter={(day) => formatDay(String(day))}
        // The legend alone says plain "Knowledge" / "Partner"; the tooltip says which series.
        formatter={(value, name, item) => [
          formatCount(value),
          item?.dataKey === 'KNOWLEDGE' || item?.dataKey === 'PARTNER' ? labels.daily(String(name)) : name,
        ]}
      />
      <Legend verticalAlign="top" height={32} />
      {DOMAINS.map((domain) => (
        <Area
          key={domain}
          type="monotone"
          dataKey={domain}
          name={labels[LABEL_KEY[domain]]}
          stroke={colors[LABEL_KEY[domain]]}
          strokeOpacity={0.35}
          fill={colors[LABEL_KEY[domain]]}
          fillOpacity={0.18}
          legendType="square"
          isAnimationActive={animate}
        />
      ))}
      {DOMAINS.map((domain) => (
        <Line
          key={`${domain}_AVG`}
          type="monotone"
          dataKey={`${domain}_AVG`}
          name={labels.average(labels[LABEL_KEY[domain]], window)}
          stroke={colors[LABEL_KEY[domain]]}
          strokeWidth={2}
          dot={false}
          legendType="none"
          isAnimationActive={animate}
        />
      ))}
    </ComposedChart>
  );

  return (
    <ChartFrame testId={testId} width={width} height={height} box="fill">
      {chart}
    </ChartFrame>
  );
}
