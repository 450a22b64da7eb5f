import type { RecommenderModelDto } from '@crosslane/contracts';
import { Grid, Typography } from '@mui/material';
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
import { Panel } from '../../common/Panel';
import { RowsTable } from '../../common/RowsTable';
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
  const rows = [
    { name: 'Model', overall: model.metrics.overall },
    { name: 'Popularity', overall: model.baselineMetrics.overall },
  ];
  return (
    <RowsTable
      testId="model-metrics-table"
      rows={rows}
      rowKey={(r) => r.name}
      columns={[
        { header: '@10', cell: (r) => r.name },
        ...METRICS.map((m) => ({
          header: m.toUpperCase(),
          cell: (r: (typeof rows)[number]) => fmt(r.overall[m]),
          align: 'right' as const,
        })),
      ]}
    />
  );
}

/** Who serves each direction (chosen on validation) and its test margin over popularity. */
function DirectionsTable() {
  const model = useRecordContext<RecommenderModelDto>();
  const rows = model ? directionRows(model) : [];
  if (!rows.length) return null;
  return (
    <Panel title="Who serves each direction">
      <RowsTable
        testId="model-directions-table"
        rows={rows}
        rowKey={(r) => r.direction}
        columns={[
          { header: 'Direction', cell: (r) => r.direction },
          { header: 'Served by', cell: (r) => r.winner },
          { header: 'NDCG@10', cell: (r) => fmt(r.testNdcg), align: 'right' },
          { header: 'Popularity', cell: (r) => fmt(r.popularityTestNdcg), align: 'right' },
          {
            header: 'Margin',
            cell: (r) => (typeof r.margin === 'number' ? (r.margin >= 0 ? '+' : '') + r.margin.toFixed(4) : '—'),
            align: 'right',
          },
          { header: 'Members (validation)', cell: (r) => r.usersEvaluated, align: 'right' },
          { header: 'Why', cell: (r) => r.reason },
        ]}
      />
      {model?.metrics?.skipped?.map((s) => (
        <Typography key={s} variant="body2">
          {s}
        </Typography>
      ))}
    </Panel>
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
    <Panel
      title={
        <>
          Search: validation NDCG@10 per trial ({tuning.trials.length} trials
          {STOP_NOTES[tuning.stoppedBy ?? 'trials']})
        </>
      }
    >
      <TuningSearchChart trials={tuning.trials} />
      <RowsTable
        testId="model-tuning-table"
        rows={tuning.trials.map((trial, i) => ({ ...trial, number: i + 1 }))}
        rowKey={(t) => t.number}
        selected={(t) => t.validationNdcg === tuning.best.validationNdcg && t.algorithm === tuning.best.algorithm}
        columns={[
          { header: '#', cell: (t) => t.number },
          { header: 'Algorithm', cell: (t) => (t.algorithm === 'ease' ? 'EASE' : 'ALS') },
          {
            header: 'Parameters',
            cell: (t) =>
              t.algorithm === 'ease' ? `λ ${t.lambda}` : `factors ${t.factors}, alpha ${t.alpha}, regularisation ${t.regularization}`,
          },
          { header: 'Validation NDCG@10', cell: (t) => fmt(t.validationNdcg), align: 'right' },
          { header: 'Seconds', cell: (t) => (typeof t.seconds === 'number' ? t.seconds.toFixed(1) : '—'), align: 'right' },
        ]}
      />
    </Panel>
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
        <Panel title={`Training loss per iteration${model.status === 'TRAINING' ? ' (live)' : ''}`}>
          <LossCurveChart loss={model.lossHistory} iterations={model.params.iterations} />
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="NDCG@10 by direction">
          {directions.length ? <DirectionBreakdownChart rows={directions} /> : <Typography variant="body2">Not evaluated yet.</Typography>}
        </Panel>
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
