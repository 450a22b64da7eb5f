import type { CampaignAnalysisDto } from '@crosslane/contracts';
import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DecisionSummary, SrmChip } from './DecisionHeader';

interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}
/** The stored shape of analyseMetrics (libs/domain/experiments analyse-metrics.ts), as far as this page reads it. */
export interface NamedMetricsResult {
  kind: 'named-metrics';
  verdict: string;
  sampleRatioMismatch: { pValue: number; flagged: boolean };
  arms: { key: string; name: string; units: number; observedShare: number; expectedShare: number }[];
  families: { primary: { label: string }; secondary: { label: string } | null };
  metrics: {
    name: string;
    kind: 'binary' | 'mean' | 'ratio';
    role: string;
    direction: string;
    hypothesis: string;
    arms: { key: string; n: number; successes: number | null; value: Interval }[];
    comparisons: {
      variantKey: string;
      test: { name: string; value: number; pTwoSided: number; pOneSided: number; difference: Interval };
      pValue: number;
      adjustedPValue: number;
      outcome: string;
      cuped: { varianceReduction: number } | null;
    }[];
  }[];
}

export const isNamedMetrics = (result: unknown): result is NamedMetricsResult =>
  (result as { kind?: string } | null)?.kind === 'named-metrics';

const p = (x: number) => (x < 1e-4 ? x.toExponential(2) : x.toFixed(4));
/** A rate in percent, a mean or ratio as a number (plain function, outside the component). */
export function formatMetricValue(kind: string, x: number): string {
  return kind === 'binary' ? `${(x * 100).toFixed(2)}%` : x.toFixed(3);
}

/** The analysis of a campaign on its named metrics: per metric the arms (with counts) and each treatment's test, raw and adjusted p. */
export function NamedMetricsView({ analysis }: { analysis: CampaignAnalysisDto }) {
  const result = analysis.result as unknown as NamedMetricsResult;
  const armName = (key: string) => result.arms.find((a) => a.key === key)?.name ?? key;
  const familyOf = (role: string) =>
    role === 'primary'
      ? result.families.primary.label
      : role === 'secondary'
        ? (result.families.secondary?.label ?? '')
        : 'guardrail, not adjusted';
  return (
    <Stack spacing={2}>
      <DecisionSummary summary={analysis.summary} srmFlagged={analysis.srmFlagged} verdict={result.verdict} />
      <Stack direction="row" spacing={1}>
        <SrmChip srm={result.sampleRatioMismatch} formatP={p} />
        <Chip label={result.arms.map((a) => `${a.name}: ${a.units.toLocaleString()} units`).join(' · ')} variant="outlined" />
      </Stack>
      {result.metrics.map((m) => (
        <Stack key={m.name} spacing={0.5}>
          <Typography variant="subtitle2">
            {m.name} · {m.kind} · {m.role} ({familyOf(m.role)}) · {m.direction} is good · {m.hypothesis}
          </Typography>
          <Table size="small" aria-label={`Metric ${m.name}`}>
            <TableHead>
              <TableRow>
                <TableCell>Arm</TableCell>
                <TableCell align="right">n</TableCell>
                <TableCell align="right">{m.kind === 'binary' ? 'Successes' : ''}</TableCell>
                <TableCell align="right">Value [95% CI]</TableCell>
                <TableCell align="right">Difference vs control [95% CI]</TableCell>
                <TableCell align="right">Test</TableCell>
                <TableCell align="right">p two-sided / one-sided</TableCell>
                <TableCell align="right">p used / adjusted</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {m.arms.map((a) => {
                const c = m.comparisons.find((x) => x.variantKey === a.key);
                const d = c?.test.difference;
                return (
                  <TableRow key={a.key}>
                    <TableCell>{armName(a.key)}</TableCell>
                    <TableCell align="right">{a.n.toLocaleString()}</TableCell>
                    <TableCell align="right">{a.successes === null ? '' : a.successes.toLocaleString()}</TableCell>
                    <TableCell align="right">{`${formatMetricValue(m.kind, a.value.estimate)} [${formatMetricValue(m.kind, a.value.lower)}, ${formatMetricValue(m.kind, a.value.upper)}]`}</TableCell>
                    <TableCell align="right">
                      {d
                        ? `${formatMetricValue(m.kind, d.estimate)} [${formatMetricValue(m.kind, d.lower)}, ${formatMetricValue(m.kind, d.upper)}]`
                        : 'control'}
                    </TableCell>
                    <TableCell align="right">
                      {c
                        ? `${c.test.name} = ${c.test.value.toFixed(3)}${c.cuped ? `, CUPED −${(c.cuped.varianceReduction * 100).toFixed(1)}% variance` : ''}`
                        : ''}
                    </TableCell>
                    <TableCell align="right">{c ? `${p(c.test.pTwoSided)} / ${p(c.test.pOneSided)}` : ''}</TableCell>
                    <TableCell align="right">{c ? `${p(c.pValue)} / ${p(c.adjustedPValue)} (${c.outcome})` : ''}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
