import { Alert, Box, Button, Card, CardContent, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { LiftIntervalChart, QiniCurveChart } from '@crosslane/ui-charts';
import { useEffect, useState } from 'react';
import { useGetRecordId, useNotify, usePermissions } from 'react-admin';
import { decisionsApi, forestRows, type CampaignDecisionsDto } from './decisions-api';
import { isManagerOrAdmin } from '../../common/permissions';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const money = (v: number | null) => (v === null ? '∞' : v.toFixed(2));

/** One concluded campaign: segment effects (forest plot), ROI with its interval, and the uplift models' Qini curves. */
export function DecisionsShow() {
  const id = String(useGetRecordId());
  const notify = useNotify();
  const { permissions } = usePermissions();
  const [data, setData] = useState<CampaignDecisionsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [metric, setMetric] = useState<string | undefined>(undefined);
  useEffect(() => {
    decisionsApi
      .decisions(id, metric)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [id, metric]);
  if (error) return <Alert severity="warning">{error}</Alert>;
  if (!data) return null;
  const canEdit = isManagerOrAdmin(permissions);
  const model = data.upliftModels.find((m) => m.status === 'READY' && m.evaluation);
  return (
    <Stack spacing={2} sx={{ mt: 2 }} data-testid="decisions-show">
      <Typography variant="h5">Decisions: {data.name}</Typography>
      <Card>
        <CardContent>
          <Typography variant="h6">
            Effects by segment on {data.segmentMetric} (difference vs {data.controlArm}, percentage points, 95 % CI)
          </Typography>
          {data.segmentMetrics.length > 1 && (
            <ToggleButtonGroup
              size="small"
              exclusive
              value={data.segmentMetric}
              onChange={(_, value: string | null) => value && setMetric(value)}
              aria-label="Metric to break down"
            >
              {data.segmentMetrics.map((m) => (
                <ToggleButton key={m} value={m}>
                  {m}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          )}
          {data.segments.heterogeneity.map((h) => (
            <Typography key={`${h.arm}/${h.dimension}`} variant="body2">
              {h.arm} by {h.dimension}: interaction test Q = {h.q.toFixed(2)} on {h.df} df, p = {h.pValue.toPrecision(2)}
              {h.significant ? ' (the effect differs between segments)' : ' (no evidence the effect differs; no segment is named a winner)'}
            </Typography>
          ))}
          {data.segments.suppressedCells > 0 && (
            <Typography variant="body2">
              {data.segments.suppressedCells} cell(s) below the partners' minimum group size ({data.minGroupSize}) withheld.
            </Typography>
          )}
          {data.segmentsNote && <Alert severity="info">{data.segmentsNote}</Alert>}
          <LiftIntervalChart lifts={forestRows(data.segments.cells)} unit=" pp" testId="segment-forest-plot" />
          <Typography variant="caption">★ winner: interaction test significant and Holm-adjusted p below {data.segments.alpha}.</Typography>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">Return on investment</Typography>
          {data.roiNote && <Alert severity="info">{data.roiNote}</Alert>}
          {data.roi.map(({ arm, report: r }) => (
            <Box key={arm} data-testid={`roi-${arm}`}>
              <Typography variant="body2">
                {arm}: ROI {pct(r.roi.estimate)} [{pct(r.roi.lower)}, {pct(r.roi.upper)}], P(ROI &gt; 0) = {pct(r.probabilityRoiPositive)};
                incremental conversions {r.incrementalConversions.estimate.toFixed(1)} [{r.incrementalConversions.lower.toFixed(1)},{' '}
                {r.incrementalConversions.upper.toFixed(1)}]; cost per incremental conversion{' '}
                {money(r.costPerIncrementalConversion.estimate)} [{money(r.costPerIncrementalConversion.lower)},{' '}
                {money(r.costPerIncrementalConversion.upper)}]; break-even lift {(100 * r.breakEvenLift).toFixed(2)} pp.
              </Typography>
              <LiftIntervalChart lifts={[{ label: `${arm} ROI`, ...r.roi }]} testId={`roi-interval-${arm}`} />
            </Box>
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">Uplift model (held-out Qini curve)</Typography>
          {model?.evaluation ? (
            <>
              <Typography variant="body2">
                {model.learner}: Qini coefficient {model.evaluation.qiniCoefficient.estimate.toFixed(3)} [
                {model.evaluation.qiniCoefficient.lower.toFixed(3)}, {model.evaluation.qiniCoefficient.upper.toFixed(3)}], uplift@30 %{' '}
                {pct(model.evaluation.upliftAt30)}
                {model.evaluation.beatsRandom ? ': beats random targeting' : ': not distinguishable from random targeting'}
              </Typography>
              {model.evaluation.roi && (
                <Typography variant="body2" data-testid="roi-top30">
                  Held-out ROI as run {pct(model.evaluation.roi.all.roi.estimate)} [{pct(model.evaluation.roi.all.roi.lower)},{' '}
                  {pct(model.evaluation.roi.all.roi.upper)}]; treating only the top 30 % by uplift{' '}
                  {pct(model.evaluation.roi.top30.roi.estimate)} [{pct(model.evaluation.roi.top30.roi.lower)},{' '}
                  {pct(model.evaluation.roi.top30.roi.upper)}], P(ROI &gt; 0) = {pct(model.evaluation.roi.top30.probabilityRoiPositive)}.
                </Typography>
              )}
              <QiniCurveChart x={model.evaluation.qiniCurve.x} y={model.evaluation.qiniCurve.y} />
            </>
          ) : (
            <Typography variant="body2">No trained uplift model yet.</Typography>
          )}
          {canEdit && (
            <Button
              onClick={() =>
                decisionsApi
                  .trainUplift(id, 'T_LEARNER')
                  .then(() => notify('Uplift model queued; reload when the job has finished', { type: 'info' }))
                  .catch((e: Error) => notify(e.message, { type: 'warning' }))
              }
            >
              Train uplift model
            </Button>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
