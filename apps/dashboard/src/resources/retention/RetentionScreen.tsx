import { useState } from 'react';
import { BreakdownFields, ChoiceField, DayField, useBreakdown, type Choice } from '../../common/form-fields';
import { Panel } from '../../common/Panel';
import { Alert, Button, Card, CardContent, Stack, TextField } from '@mui/material';
import type { JobRunDto, RetentionResultDto, RetentionRunRequest } from '@crosslane/contracts';
import { RetentionCurves, RetentionHeatmap } from '@crosslane/ui-charts';
import { Title, useDataProvider } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const ANCHORS: Choice[] = [
  { value: 'firstInteraction', label: 'First interaction' },
  { value: 'join', label: 'Join date' },
  { value: 'firstPartnerPurchase', label: 'First partner purchase' },
];
const PERIODS: Choice[] = [
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];
const BREAKDOWNS: Choice[] = [
  { value: '', label: 'None' },
  { value: 'segment', label: 'Segment' },
  { value: 'campaignArm', label: 'Campaign arm' },
];

/**
 * Retention cohorts: weekly or monthly, anchored on the first interaction,
 * the join date or the first partner purchase; a triangle per group and the
 * groups' curves side by side (segments, or a campaign's arms, so a joint
 * campaign's long-term effect shows as curves that part).
 */
export function RetentionScreen() {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const [anchor, setAnchor] = useState<RetentionRunRequest['anchor']>('firstInteraction');
  const [period, setPeriod] = useState<RetentionRunRequest['period']>('week');
  const [periods, setPeriods] = useState(8);
  const [from, setFrom] = useState(isoDay(Date.now() - 120 * DAY));
  const [to, setTo] = useState(isoDay(Date.now()));
  const split = useBreakdown();
  const [result, setResult] = useState<RetentionResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setError(null);
    setRunning(true);
    try {
      const { by, segmentIds, campaignId } = split;
      const breakdown: RetentionRunRequest['breakdown'] =
        by === 'segment' ? { by, segmentIds } : by === 'campaignArm' ? { by, campaignId } : undefined;
      const { data } = await dataProvider.runRetention({
        anchor,
        period,
        periods,
        range: { from, to },
        ...(breakdown ? { breakdown } : {}),
      });
      if (data.mode === 'live') setResult(data.result);
      else {
        for (;;) {
          const job = (await dataProvider.getOne<JobRunDto>('jobs', { id: data.jobId })).data;
          if (job.status === 'COMPLETED') {
            setResult(job.result as RetentionResultDto);
            break;
          }
          if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(job.error ?? 'The retention job did not finish');
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    } catch (e) {
      setError((e as { body?: { message?: string } })?.body?.message ?? String(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Retention cohorts" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
            <ChoiceField
              label="Cohort by"
              value={anchor}
              onChange={(value) => setAnchor(value as RetentionRunRequest['anchor'])}
              choices={ANCHORS}
              sx={{ minWidth: 200 }}
            />
            <ChoiceField
              label="Period"
              value={period}
              onChange={(value) => setPeriod(value as RetentionRunRequest['period'])}
              choices={PERIODS}
            />
            <TextField
              size="small"
              type="number"
              label="Periods"
              value={periods}
              onChange={(e) => setPeriods(Number(e.target.value))}
              sx={{ width: 100 }}
            />
            <DayField label="Cohorts from" value={from} onChange={setFrom} />
            <DayField label="To" value={to} onChange={setTo} />
            <BreakdownFields breakdown={split} kinds={BREAKDOWNS} widths={[160, 240]} />
            <Button variant="contained" onClick={run} disabled={running} data-testid="run-retention">
              Run
            </Button>
          </Stack>
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </CardContent>
      </Card>
      {result && (
        <>
          <Panel title={`Share active, by ${result.period}s since the cohort began`}>
            <RetentionCurves curves={result.groups.map((g) => ({ label: g.label, points: g.curve }))} />
          </Panel>
          {result.groups.map((g) => (
            <Panel key={g.key} title={g.label} contentSx={{ overflowX: 'auto' }}>
              <RetentionHeatmap
                rows={g.cohorts}
                periodLabel={result.period === 'week' ? 'Week' : 'Month'}
                testId={`retention-heatmap-${g.key}`}
              />
            </Panel>
          ))}
        </>
      )}
    </Stack>
  );
}
