import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';

export interface RetentionRow {
  cohort: string;
  size: number;
  /** Share active per period after the cohort's own; null where the period has not ended. */
  shares: readonly (number | null)[];
}

/** Blue whose depth follows the share, so the triangle reads at a glance; blank cells stay blank. */
export function retentionColour(share: number | null): string {
  if (share === null) return 'transparent';
  const alpha = Math.max(0.06, Math.min(1, share));
  return `rgba(29, 107, 140, ${alpha.toFixed(2)})`;
}

/** The retention triangle: a row per cohort, a column per later period, each cell the share still active. */
export function RetentionHeatmap({
  rows,
  periodLabel = 'Period',
  testId = 'retention-heatmap',
}: {
  rows: readonly RetentionRow[];
  periodLabel?: string;
  testId?: string;
}) {
  if (rows.length === 0) return <div data-testid={testId}>No cohort in this range</div>;
  const periods = Math.max(...rows.map((r) => r.shares.length));
  const cell = { padding: '4px 6px', fontSize: 12, textAlign: 'right' as const, border: '1px solid #eee' };
  return (
    <table data-testid={testId} style={{ borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th style={cell}>Cohort</th>
          <th style={cell}>Members</th>
          {Array.from({ length: periods }, (_, o) => (
            <th key={o} style={cell}>
              {periodLabel} {o}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.cohort}>
            <td style={cell}>{r.cohort}</td>
            <td style={cell}>{r.size}</td>
            {Array.from({ length: periods }, (_, o) => {
              const share = r.shares[o] ?? null;
              return (
                <td
                  key={o}
                  style={{ ...cell, background: retentionColour(share), color: share !== null && share > 0.5 ? '#fff' : undefined }}
                >
                  {share === null ? '' : `${Math.round(share * 100)}%`}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface RetentionCurve {
  label: string;
  points: readonly { offset: number; share: number | null }[];
}

const COLOURS = ['#1d6b8c', '#c0612b', '#5a8f29', '#7b4fa0', '#b8860b', '#444'];

/** One retention curve per group (all members, or each segment or campaign arm): share active by periods since the cohort began. */
export function RetentionCurves({
  curves,
  height = 280,
  width,
  testId = 'retention-curves',
}: {
  curves: readonly RetentionCurve[];
  height?: number;
  width?: number;
  testId?: string;
}) {
  const offsets = Math.max(0, ...curves.map((c) => c.points.length));
  const data = Array.from({ length: offsets }, (_, o) => ({
    offset: o,
    ...Object.fromEntries(
      curves.map((c) => [
        c.label,
        c.points[o]?.share === null || c.points[o] === undefined ? null : Math.round(c.points[o].share! * 1000) / 10,
      ]),
    ),
  }));
  const chart = (
    <LineChart data={data} width={width} height={height} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="offset" />
      <YAxis unit="%" domain={[0, 100]} />
      <Tooltip />
      <Legend />
      {curves.map((c, i) => (
        <Line
          key={c.label}
          dataKey={c.label}
          stroke={COLOURS[i % COLOURS.length]}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
    </LineChart>
  );
  return (
    <ChartFrame testId={testId} width={width} height={height}>
      {chart}
    </ChartFrame>
  );
}
