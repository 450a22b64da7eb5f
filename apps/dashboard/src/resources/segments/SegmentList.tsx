import { Card, CardContent, Typography } from '@mui/material';
import type { OverlapMatrixDto, Role, SegmentDto } from '@crosslane/contracts';
import { OverlapHeatmap, Sparkline } from '@crosslane/ui-charts';
import { useEffect, useState } from 'react';
import {
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  useDataProvider,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput
    key="kind"
    source="kind"
    label="Kind"
    choices={['RULE', 'CLUSTER', 'PROPENSITY', 'JOINT'].map((k) => ({ id: k, name: k }))}
    alwaysOn
  />,
];

/** Analysts read segments; only managers and admins may define them (the API refuses the rest). */
function Actions() {
  const { permissions } = usePermissions<Role>();
  return (
    <TopToolbar>
      {(permissions === 'ADMIN' || permissions === 'MANAGER') && <CreateButton />}
      <ExportButton />
    </TopToolbar>
  );
}

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
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Overlap between segments
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Members in both; shaded by Jaccard similarity (hover a cell).
        </Typography>
        {matrix ? <OverlapHeatmap segments={matrix.segments} cells={matrix.cells} /> : null}
      </CardContent>
    </Card>
  );
}

export function SegmentList() {
  return (
    <>
      <List<SegmentDto> filters={filters} actions={<Actions />} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
        <DataTable<SegmentDto> rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="name" label="Segment" />
          <DataTable.Col source="kind" label="Kind" />
          <DataTable.NumberCol source="size" label="Members" />
          <DataTable.Col label="30-day trend" disableSort>
            <TrendField />
          </DataTable.Col>
          <DataTable.Col source="materialisedAt" label="Computed">
            <DateField source="materialisedAt" showTime emptyText="—" />
          </DataTable.Col>
        </DataTable>
      </List>
      <OverlapPanel />
    </>
  );
}
