import type { CampaignAnalysisDto, CampaignDto, Role } from '@crosslane/contracts';
import { formatSuppressedCount, type SuppressedCount } from '@crosslane/domain-rules';
import { CumulativeConversionChart, LiftIntervalChart } from '@crosslane/ui-charts';
import { Box, Chip, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext } from 'react-admin';
import { RowsTable } from '../../common/RowsTable';
import { campaignApi } from './campaign-api';
import { isNamedMetrics, NamedMetricsView } from './NamedMetricsView';
import { useCampaignData } from './use-campaign-data';
import { DecisionSummary, SrmChip } from './DecisionHeader';

interface StoredResult {
  analysis: {
    verdict: string;
    sampleRatioMismatch: { pValue: number; flagged: boolean; observedShares: number[]; expectedShares: number[] };
    variants: {
      key: string;
      name: string;
      members: number;
      conversionRate: { estimate: number; lower: number; upper: number };
      revenuePerMember: { estimate: number; lower: number; upper: number };
      probabilityToBeBest: number;
    }[];
    comparisons: {
      variantKey: string;
      conversion: {
        result: {
          absoluteLift: { estimate: number; lower: number; upper: number };
          relativeLift: { estimate: number } | null;
          z: number;
          pValue: number;
        };
        adjustedPValue: number;
      };
      revenue: {
        result: { difference: { estimate: number; lower: number; upper: number }; t: number; pValue: number };
        adjustedPValue: number;
        cuped: boolean;
      };
      chanceToBeatControl: number;
      expectedLoss: { treatment?: number } | Record<string, number>;
    }[];
  };
  guardrails: { metric: string; variantKey: string; harmed: boolean; pValue: number }[];
  breakdowns: {
    group: string;
    variantKey: string;
    members: StoredCount;
    rate: number | null;
    suppressed: boolean;
  }[];
}

/** A breakdown count as stored: analyses stored before suppression had one shape carry { value, minGroupSize }; they stay readable. */
type StoredCount = SuppressedCount | { value: number | null; suppressed: boolean; minGroupSize: number };

/** The stored count in the one shape, so it is worded by the one rule (formatSuppressedCount). */
export function storedCount(c: StoredCount): SuppressedCount {
  return 'threshold' in c ? c : { count: c.value, suppressed: c.suppressed, threshold: c.minGroupSize };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const p = (x: number) => (x < 1e-4 ? x.toExponential(1) : x.toFixed(4));

/** Lifts in percentage points for the interval chart (plain function, outside the component). */
export function conversionLifts(result: StoredResult) {
  return result.analysis.comparisons.map((c) => {
    const name = result.analysis.variants.find((v) => v.key === c.variantKey)?.name ?? c.variantKey;
    const l = c.conversion.result.absoluteLift;
    return { label: name, estimate: l.estimate * 100, lower: l.lower * 100, upper: l.upper * 100 };
  });
}

function AnalysisView({ analysis }: { analysis: CampaignAnalysisDto }) {
  if (isNamedMetrics(analysis.result)) return <NamedMetricsView analysis={analysis} />;
  const result = analysis.result as unknown as StoredResult;
  const srm = result.analysis.sampleRatioMismatch;
  return (
    <Stack spacing={2}>
      <DecisionSummary summary={analysis.summary} srmFlagged={analysis.srmFlagged} verdict={result.analysis.verdict} />
      <Stack direction="row" spacing={1}>
        <SrmChip srm={srm} formatP={p} />
        {result.guardrails.map((g) => (
          <Chip
            key={`${g.metric}:${g.variantKey}`}
            label={`Guardrail ${g.metric.toLowerCase()} · ${g.variantKey}: ${g.harmed ? 'harmed' : 'ok'}`}
            color={g.harmed ? 'error' : 'default'}
          />
        ))}
        <Chip
          label={`${analysis.method === 'SEQUENTIAL' ? 'Sequential (always valid)' : 'Fixed horizon'} · ${new Date(analysis.createdAt).toLocaleString()}`}
          variant="outlined"
        />
      </Stack>
      <RowsTable
        rows={result.analysis.variants}
        rowKey={(v) => v.key}
        columns={[
          { header: 'Variant', cell: (v) => v.name },
          { header: 'Members', cell: (v) => v.members.toLocaleString('en'), align: 'right' },
          {
            header: 'Conversion [95% CI]',
            cell: (v) => `${pct(v.conversionRate.estimate)} [${pct(v.conversionRate.lower)}, ${pct(v.conversionRate.upper)}]`,
            align: 'right',
          },
          {
            header: 'Revenue / member [95% CI]',
            cell: (v) =>
              `${v.revenuePerMember.estimate.toFixed(2)} [${v.revenuePerMember.lower.toFixed(2)}, ${v.revenuePerMember.upper.toFixed(2)}]`,
            align: 'right',
          },
          { header: 'Chance to be best', cell: (v) => pct(v.probabilityToBeBest), align: 'right' },
        ]}
      />
      <Typography variant="subtitle2">Conversion lift against control (pp, 95% CI)</Typography>
      <LiftIntervalChart lifts={conversionLifts(result)} unit=" pp" />
      <RowsTable
        rows={result.analysis.comparisons}
        rowKey={(c) => c.variantKey}
        columns={[
          { header: 'Treatment', cell: (c) => result.analysis.variants.find((v) => v.key === c.variantKey)?.name },
          {
            header: 'z (p, Holm p)',
            cell: (c) => `${c.conversion.result.z.toFixed(3)} (${p(c.conversion.result.pValue)}, ${p(c.conversion.adjustedPValue)})`,
            align: 'right',
          },
          {
            header: 'Revenue lift, Welch t (p, Holm p)',
            cell: (c) =>
              `${c.revenue.result.difference.estimate.toFixed(3)}${c.revenue.cuped ? ' CUPED' : ''}, t ${c.revenue.result.t.toFixed(3)} (${p(c.revenue.result.pValue)}, ${p(c.revenue.adjustedPValue)})`,
            align: 'right',
          },
          { header: 'Chance to beat control', cell: (c) => pct(c.chanceToBeatControl), align: 'right' },
        ]}
      />
      {result.breakdowns.length > 0 && (
        <RowsTable
          testId="breakdowns"
          rows={result.breakdowns}
          rowKey={(b) => `${b.group}:${b.variantKey}`}
          columns={[
            { header: 'Segment', cell: (b) => b.group },
            { header: 'Variant', cell: (b) => b.variantKey },
            { header: 'Members', cell: (b) => formatSuppressedCount(storedCount(b.members)), align: 'right' },
            { header: 'Conversion', cell: (b) => (b.rate === null ? '—' : pct(b.rate)), align: 'right' },
          ]}
        />
      )}
    </Stack>
  );
}

/** The performance page: cumulative conversion, the latest analysis, and the analysis history. */
export function CampaignPerformance() {
  const campaign = useRecordContext<CampaignDto>();
  const notify = useNotify();
  const { permissions } = usePermissions<Role>();
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const key = `${campaign?.id}:${version}`;
  const chart = useCampaignData(campaign ? () => campaignApi.cumulative(campaign.id) : null, key);
  const history = useCampaignData(campaign ? () => campaignApi.analyses(campaign.id) : null, key);
  if (!campaign) return null;
  const analyses = history.data ?? [];
  const shown = analyses.find((a) => a.id === selected) ?? analyses[0];
  const analyse = async (method: 'FIXED_HORIZON' | 'SEQUENTIAL') => {
    try {
      await campaignApi.analyse(campaign.id, method);
      notify('Analysis queued: it appears in the history when the job is done', { type: 'info' });
      setTimeout(() => setVersion((v) => v + 1), 2500);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} data-testid="campaign-performance">
      {campaign.unitKind !== 'EXTERNAL' && (
        <>
          <Typography variant="subtitle2">Cumulative conversion per variant</Typography>
          <CumulativeConversionChart days={chart.data ?? []} series={campaign.variants.map((v) => ({ key: v.key, name: v.name }))} />
        </>
      )}
      <Box>
        {permissions && (
          <>
            <Button label="Analyse now" onClick={() => analyse('FIXED_HORIZON')} data-testid="campaign-analyse" />
            {campaign.unitKind !== 'EXTERNAL' && !campaign.metrics?.length && (
              <Button label="Analyse (always-valid, for early looks)" onClick={() => analyse('SEQUENTIAL')} />
            )}
            <Button label="Refresh" onClick={() => setVersion((v) => v + 1)} />
          </>
        )}
      </Box>
      {shown ? <AnalysisView analysis={shown} /> : <Typography>No analysis yet.</Typography>}
      <Typography variant="subtitle2">Analysis history</Typography>
      <Table size="small" data-testid="analysis-history">
        <TableBody>
          {analyses.map((a) => (
            <TableRow key={a.id} hover selected={a.id === shown?.id} onClick={() => setSelected(a.id)} sx={{ cursor: 'pointer' }}>
              <TableCell>{new Date(a.createdAt).toLocaleString()}</TableCell>
              <TableCell>{a.method}</TableCell>
              <TableCell>{a.srmFlagged ? 'SRM' : ''}</TableCell>
              <TableCell>{a.summary.split('\n')[0]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}
