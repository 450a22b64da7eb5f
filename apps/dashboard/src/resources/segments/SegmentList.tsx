import type { OverlapMatrixDto, SegmentDto } from '@crosslane/contracts';
import { OverlapHeatmap, Sparkline } from '@crosslane/ui-charts';
import { useEffect, useState } from 'react';
import { DataTable, useDataProvider, useRecordContext } from 'react-admin';
import { choiceFilter, DateCol, ListActions, ResourceList, searchFilter, valueChoices } from '../../common/list-parts';
import { Panel } from '../../common/Panel';
import { isManagerOrAdmin } from '../../common/permissions';
import type { CrosslaneDataProvider } from '../../dataProvider';

const filters = [searchFilter(), choiceFilter('kind', 'Kind', valueChoices(['RULE', 'CLUSTER', 'PROPENSITY', 'JOINT']))];

function TrendField() {
  const record = useRecordContext<SegmentDto>();
  return <Sparkline values={record?.trend ?? []} testId={`trend-${record?.id}`} />;
}

/** The overlap between segments, as a heatmap under the list. */
function OverlapPanel() {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const [matrix, setMatrix] = useState<OverlapMatrixDto | null>(null);
  useEffect(() => {
    dataProvider.getSegmentOverlaps().then(
      ({ data }) => setMatrix(data),
      () => setMatrix(null),
    );
  }, [dataProvider]);
  return (
    <Panel sx={{ mt: 2 }} title="Overlap between segments" subtitle="Members in both; shaded by Jaccard similarity (hover a cell).">
      {matrix ? <OverlapHeatmap segments={matrix.segments} cells={matrix.cells} /> : null}
    </Panel>
  );
}

export function SegmentList() {
  return (
    <>
      {/* Analysts read segments; only managers and admins may define them (the API refuses the rest). */}
      <ResourceList<SegmentDto>
        filters={filters}
        actions={<ListActions canWrite={isManagerOrAdmin} exportable />}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <DataTable.Col source="name" label="Segment" />
        <DataTable.Col source="kind" label="Kind" />
        <DataTable.NumberCol source="size" label="Members" />
        <DataTable.Col label="30-day trend" disableSort>
          <TrendField />
        </DataTable.Col>
        <DateCol source="materialisedAt" label="Computed" showTime emptyText="—" />
      </ResourceList>
      <OverlapPanel />
    </>
  );
}
