export interface OverlapHeatmapProps {
  segments: readonly { id: string; name: string }[];
  cells: readonly { a: string; b: string; count: number; jaccard: number }[];
  /** Colour by Jaccard (default) or show it in the cell instead of the count. */
  show?: 'count' | 'jaccard';
  testId?: string;
}

/** Shade for a Jaccard value 0..1: white to the accent colour. */
export function heatColor(value: number): string {
  const v = Math.max(0, Math.min(1, value));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * v);
  return `rgb(${mix(255, 29)}, ${mix(255, 107)}, ${mix(255, 140)})`;
}

/** The overlap between every pair of segments as a grid, shaded by Jaccard similarity. */
export function OverlapHeatmap({ segments, cells, show = 'count', testId = 'overlap-heatmap' }: OverlapHeatmapProps) {
  if (segments.length === 0) return <div data-testid={testId}>No segments yet</div>;
  const byPair = new Map(cells.map((c) => [`${c.a}|${c.b}`, c]));
  return (
    <table data-testid={testId} style={{ borderCollapse: 'collapse', fontSize: 12 }}>
      <thead>
        <tr>
          <th />
          {segments.map((s) => (
            <th
              key={s.id}
              style={{ padding: 4, maxWidth: 90, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              title={s.name}
            >
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {segments.map((row) => (
          <tr key={row.id}>
            <th style={{ padding: 4, textAlign: 'right', whiteSpace: 'nowrap' }}>{row.name}</th>
            {segments.map((col) => {
              const cell = byPair.get(`${row.id}|${col.id}`);
              const jaccard = cell?.jaccard ?? 0;
              return (
                <td
                  key={col.id}
                  title={`${row.name} ∩ ${col.name}: ${cell?.count ?? 0} members, Jaccard ${jaccard.toFixed(2)}`}
                  style={{
                    padding: 4,
                    minWidth: 48,
                    textAlign: 'center',
                    background: heatColor(jaccard),
                    color: jaccard > 0.55 ? '#fff' : '#222',
                    border: '1px solid #eee',
                  }}
                >
                  {show === 'count' ? (cell?.count ?? 0).toLocaleString('en') : jaccard.toFixed(2)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
