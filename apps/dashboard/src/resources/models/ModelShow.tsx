import type { RecommenderModelDto } from '@crosslane/contracts';
import { Card, CardContent, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DirectionBreakdownChart, LossCurveChart, TuningSearchChart } from '@crosslane/ui-charts';
import {
  DateField,
  ListButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  type ShowProps,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { directionRows } from './direction-rows';
import { ModelActivationButtons } from './ModelActions';
import { MODEL_STATUS_COLORS, MODELS_RESOURCE } from './ModelList';

// Live while the job trains: the loss curve grows one point per iteration.
const queryOptions: ShowProps<RecommenderModelDto>['queryOptions'] = {
  refetchInterval: (query) => (query.state.data?.status === 'TRAINING' ? 1000 : false),
};

const METRICS = ['ndcg', 'precision', 'recall', 'map', 'coverage'] as const;
const fmt = (value: number | null | undefined) => (typeof value === 'number' ? value.toFixed(4) : '—');

function MetricsTable() {
  const model = useRecordContext<RecommenderModelDto>();
  if (!model?.metrics || !model.baselineMetrics) return <Typography variant="body2">Not evaluated yet.</Typography>;
  return (
    <Table size="small" data-testid="model-metrics-table">
      <TableHead>
        <TableRow>
          <TableCell>@10</TableCell>
          {METRICS.map((m) => (
            <TableCell key={m} align="right">
              {m.toUpperCase()}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        <TableRow>
          <TableCell>Model</TableCell>
          {METRICS.map((m) => (
            <TableCell key={m} align="right">
              {fmt(model.metrics!.overall[m])}
            </TableCell>
          ))}
        </TableRow>
        <TableRow>
          <TableCell>Popularity</TableCell>
          {METRICS.map((m) => (
            <TableCell key={m} align="right">
              {fmt(model.baselineMetrics!.overall[m])}
            </TableCell>
          ))}
        </TableRow>
      </TableBody>
    </Table>
  );
}

/** Who serves each direction (chosen on validation) and its test margin over popularity. */
function DirectionsTable() {
  const model = useRecordContext<RecommenderModelDto>();
  const rows = model ? directionRows(model) : [];
  if (!rows.length) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">Who serves each direction</Typography>
        <Table size="small" data-testid="model-directions-table">
          <TableHead>
            <TableRow>
              <TableCell>Direction</TableCell>
              <TableCell>Served by</TableCell>
              <TableCell align="right">NDCG@10</TableCell>
              <TableCell align="right">Popularity</TableCell>
              <TableCell align="right">Margin</TableCell>
              <TableCell align="right">Members (validation)</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.direction}>
                <TableCell>{r.direction}</TableCell>
                <TableCell>{r.winner}</TableCell>
                <TableCell align="right">{fmt(r.testNdcg)}</TableCell>
                <TableCell align="right">{fmt(r.popularityTestNdcg)}</TableCell>
                <TableCell align="right">{typeof r.margin === 'number' ? (r.margin >= 0 ? '+' : '') + r.margin.toFixed(4) : '—'}</TableCell>
                <TableCell align="right">{r.usersEvaluated}</TableCell>
                <TableCell>{r.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {model?.metrics?.skipped?.map((s) => (
          <Typography key={s} variant="body2">
            {s}
          </Typography>
        ))}
      </CardContent>
    </Card>
  );
}

const STOP_NOTES = {
  trials: '',
  seconds: ', stopped by the time budget',
  'no-improvement': ', stopped early: validation NDCG@10 stopped improving',
} as const;

/** The search, trial by trial, scored on the validation split: plotted, then tabled. */
function TuningTable() {
  const model = useRecordContext<RecommenderModelDto>();
  const tuning = model?.params.tuning;
  if (!tuning) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">
          Search: validation NDCG@10 per trial ({tuning.trials.length} trials
          {STOP_NOTES[tuning.stoppedBy ?? 'trials']})
        </Typography>
        <TuningSearchChart trials={tuning.trials} />
        <Table size="small" data-testid="model-tuning-table">
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>Algorithm</TableCell>
              <TableCell>Parameters</TableCell>
              <TableCell align="right">Validation NDCG@10</TableCell>
              <TableCell align="right">Seconds</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tuning.trials.map((t, i) => (
              <TableRow key={i} selected={t.validationNdcg === tuning.best.validationNdcg && t.algorithm === tuning.best.algorithm}>
                <TableCell>{i + 1}</TableCell>
                <TableCell>{t.algorithm === 'ease' ? 'EASE' : 'ALS'}</TableCell>
                <TableCell>
                  {t.algorithm === 'ease' ? `λ ${t.lambda}` : `factors ${t.factors}, alpha ${t.alpha}, regularisation ${t.regularization}`}
                </TableCell>
                <TableCell align="right">{fmt(t.validationNdcg)}</TableCell>
                <TableCell align="right">{typeof t.seconds === 'number' ? t.seconds.toFixed(1) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function Charts() {
  const model = useRecordContext<RecommenderModelDto>();
  if (!model) return null;
  const directions = model.metrics?.byDirection
    ? Object.entries(model.metrics.byDirection).map(([direction, m]) => ({
        direction,
        model: m.ndcg,
        baseline: model.baselineMetrics?.byDirection?.[direction as keyof typeof model.metrics.byDirection]?.ndcg ?? null,
      }))
    : [];
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card>
          <CardContent>
            <Typography variant="h6">Training loss per iteration{model.status === 'TRAINING' ? ' (live)' : ''}</Typography>
            <LossCurveChart loss={model.lossHistory} iterations={model.params.iterations} />
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card>
          <CardContent>
            <Typography variant="h6">NDCG@10 by direction</Typography>
            {directions.length ? (
              <DirectionBreakdownChart rows={directions} />
            ) : (
              <Typography variant="body2">Not evaluated yet.</Typography>
            )}
          </CardContent>
        </Card>
      </Grid>
      <Grid size={12}>
        <MetricsTable />
      </Grid>
      <Grid size={12}>
        <DirectionsTable />
      </Grid>
      <Grid size={12}>
        <TuningTable />
      </Grid>
    </Grid>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <ListButton resource={MODELS_RESOURCE} />
      <ModelActivationButtons />
    </TopToolbar>
  );
}

export function ModelShow() {
  return (
    <Show<RecommenderModelDto> resource={MODELS_RESOURCE} queryOptions={queryOptions} actions={<Actions />}>
      <SimpleShowLayout>
        <NumberField source="version" />
        <TextField source="name" />
        <TextField source="algorithm" />
        <TextField source="scope" />
        <StatusChip source="status" colors={MODEL_STATUS_COLORS} />
        <TextField source="overrideReason" emptyText="—" />
        <TextField source="error" emptyText="—" />
        <DateField source="createdAt" showTime />
        <DateField source="activatedAt" showTime emptyText="—" />
        <Charts />
      </SimpleShowLayout>
    </Show>
  );
}
