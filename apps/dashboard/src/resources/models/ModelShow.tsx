import type { RecommenderModelDto } from '@crosslane/contracts';
import { Card, CardContent, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DirectionBreakdownChart, LossCurveChart } from '@crosslane/ui-charts';
import { DateField, ListButton, NumberField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext, type ShowProps } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
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
            <TableCell key={m} align="right">{m.toUpperCase()}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        <TableRow>
          <TableCell>Model</TableCell>
          {METRICS.map((m) => (
            <TableCell key={m} align="right">{fmt(model.metrics!.overall[m])}</TableCell>
          ))}
        </TableRow>
        <TableRow>
          <TableCell>Popularity</TableCell>
          {METRICS.map((m) => (
            <TableCell key={m} align="right">{fmt(model.baselineMetrics!.overall[m])}</TableCell>
          ))}
        </TableRow>
      </TableBody>
    </Table>
  );
}

function Charts() {
  const model = useRecordContext<RecommenderModelDto>();
  if (!model) return null;
  const directions = model.metrics?.byDirection
    ? Object.entries(model.metrics.byDirection).map(([direction, m]) => ({ direction, model: m.ndcg, baseline: model.baselineMetrics?.byDirection?.[direction as keyof typeof model.metrics.byDirection]?.ndcg ?? null }))
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
            {directions.length ? <DirectionBreakdownChart rows={directions} /> : <Typography variant="body2">Not evaluated yet.</Typography>}
          </CardContent>
        </Card>
      </Grid>
      <Grid size={12}>
        <MetricsTable />
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
