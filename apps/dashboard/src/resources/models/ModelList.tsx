import type { RecommenderModelDto } from '@crosslane/contracts';
import { ModelMetricsChart } from '@crosslane/ui-charts';
import { Datagrid, DateField, FunctionField, List, NumberField, TextField, TopToolbar, useGetList, type ListProps } from 'react-admin';
import { Panel } from '../../common/Panel';
import { StatusChip, type ChipColor } from '../../common/StatusChip';
import { TrainModelButton } from './ModelActions';

export const MODEL_STATUS_COLORS: Record<string, ChipColor> = { TRAINING: 'info', ACTIVE: 'success', FAILED: 'error' };
export const MODELS_RESOURCE = 'recommender/models';

const queryOptions: ListProps<RecommenderModelDto>['queryOptions'] = {
  refetchInterval: (query) => (query.state.data?.data?.some((m: RecommenderModelDto) => m.status === 'TRAINING') ? 2000 : false),
};

const fmt = (value: number | null | undefined) => (typeof value === 'number' ? value.toFixed(4) : '—');

/** NDCG@10 of every version against popularity, above the list. */
function VersionsChart() {
  const { data } = useGetList<RecommenderModelDto>(MODELS_RESOURCE, {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'version', order: 'DESC' },
  });
  return (
    <Panel sx={{ mb: 2 }} title="NDCG@10 by version, against popularity">
      <ModelMetricsChart
        points={(data ?? []).map((m) => ({
          version: m.version,
          ndcg: m.metrics?.overall.ndcg ?? null,
          baselineNdcg: m.baselineMetrics?.overall.ndcg ?? null,
          active: m.status === 'ACTIVE',
        }))}
      />
    </Panel>
  );
}

function ListActions() {
  return (
    <TopToolbar>
      <TrainModelButton />
    </TopToolbar>
  );
}

export function ModelList() {
  return (
    <>
      <VersionsChart />
      <List<RecommenderModelDto>
        resource={MODELS_RESOURCE}
        sort={{ field: 'version', order: 'DESC' }}
        queryOptions={queryOptions}
        actions={<ListActions />}
        empty={false}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <NumberField source="version" />
          <TextField source="name" />
          <TextField source="scope" />
          <StatusChip source="status" label="Status" colors={MODEL_STATUS_COLORS} />
          <FunctionField<RecommenderModelDto> label="NDCG@10" render={(m) => fmt(m.metrics?.overall.ndcg)} />
          <FunctionField<RecommenderModelDto> label="Popularity" render={(m) => fmt(m.baselineMetrics?.overall.ndcg)} />
          <FunctionField<RecommenderModelDto>
            label="Beats popularity"
            render={(m) => (m.beatsBaseline === null ? '—' : m.beatsBaseline ? 'yes' : 'no')}
          />
          <DateField source="createdAt" showTime />
          <DateField source="activatedAt" showTime />
        </Datagrid>
      </List>
    </>
  );
}
