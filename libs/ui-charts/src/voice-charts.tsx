import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, Tooltip, XAxis, YAxis, Area } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface RatingMonth {
  period: string;
  count: number;
  mean: number | null;
  lower: number | null;
  upper: number | null;
}

/** Band rows for recharts: an interval is drawn as a stacked area from lower to upper. */
export function toRatingRows(points: readonly RatingMonth[]) {
  return points.map((p) => ({
    period: p.period,
    mean: p.mean === null ? null : Math.round(p.mean * 100) / 100,
    low: p.lower,
    band: p.lower !== null && p.upper !== null ? Math.round((p.upper - p.lower) * 100) / 100 : null,
    count: p.count,
  }));
}

/** Mean rating per month with its 95% interval as a band, and the number of reviews as bars. */
export function RatingsOverTimeChart({ points, height = 260, width }: { points: readonly RatingMonth[]; height?: number; width?: number }) {
  if (points.length === 0) return <div data-testid="ratings-over-time">No reviews in this window</div>;
  return (
    <ChartFrame testId="ratings-over-time" width={width} height={height}>
      <ComposedChart data={toRatingRows(points)} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis yAxisId="rating" domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} />
        <YAxis yAxisId="count" orientation="right" allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar yAxisId="count" dataKey="count" name="Reviews" fill="#cfd8dc" isAnimationActive={false} />
        <Area
          yAxisId="rating"
          dataKey="low"
          stackId="ci"
          stroke="none"
          fill="transparent"
          legendType="none"
          name="95% low"
          isAnimationActive={false}
        />
        <Area
          yAxisId="rating"
          dataKey="band"
          stackId="ci"
          stroke="none"
          fill="#1d6b8c"
          fillOpacity={0.15}
          name="95% interval"
          isAnimationActive={false}
        />
        <Line yAxisId="rating" dataKey="mean" name="Mean rating" stroke="#1d6b8c" isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
}

/** Count of each star rating. */
export function RatingDistributionChart({
  counts,
  height = 200,
  width,
}: {
  counts: readonly { rating: number; count: number }[];
  height?: number;
  width?: number;
}) {
  const rows = counts.map((c) => ({ stars: `${c.rating}★`, count: c.count }));
  return (
    <ChartFrame testId="rating-distribution" width={width} height={height}>
      <BarChart data={rows} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="stars" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="count" name="Reviews" fill="#1d6b8c" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export interface MarketPoint {
  period: string;
  marketIndex: number;
  platformInterest: number | null;
}

/** A category's market index (left axis) beside the platform's interest in the matching topics, % of knowledge interactions (right axis). */
export function MarketSignalChart({ points, height = 260, width }: { points: readonly MarketPoint[]; height?: number; width?: number }) {
  if (points.length === 0) return <div data-testid="market-signal">No market signals in this window</div>;
  return (
    <ChartFrame testId="market-signal" width={width} height={height}>
      <LineChart data={[...points]} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis yAxisId="market" />
        <YAxis yAxisId="platform" orientation="right" unit="%" />
        <Tooltip />
        <Legend />
        <Line yAxisId="market" dataKey="marketIndex" name="Market index" stroke="#b5651d" isAnimationActive={false} />
        <Line yAxisId="platform" dataKey="platformInterest" name="Platform interest (%)" stroke="#1d6b8c" isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
