import { Box, Card, CardContent, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { Role, SegmentDto, SegmentInsightsDto, SegmentPartnerOverlapDto, SegmentSizePointDto } from '@crosslane/contracts';
import { formatSuppressedCount } from '@crosslane/domain-rules';
import { RfmDistributionChart, SizeHistoryChart } from '@crosslane/ui-charts';
import { useEffect, useState } from 'react';
import {
  DateField,
  EditButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useDataProvider,
  useRecordContext,
} from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { RowsTable } from '../../common/RowsTable';
import { isManagerOrAdmin } from '../../common/permissions';

function Actions() {
  const { permissions } = usePermissions<Role>();
  const record = useRecordContext<SegmentDto>();
  const canEdit = isManagerOrAdmin(permissions) && record?.kind !== 'CLUSTER';
  return <TopToolbar>{canEdit ? <EditButton /> : null}</TopToolbar>;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** Size history, RFM distribution, top categories and partner overlaps (suppressed counts read "< N"). */
function SegmentDetail() {
  const record = useRecordContext<SegmentDto>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const [history, setHistory] = useState<SegmentSizePointDto[]>([]);
  const [insights, setInsights] = useState<SegmentInsightsDto | null>(null);
  const [partners, setPartners] = useState<SegmentPartnerOverlapDto[]>([]);
  useEffect(() => {
    if (!record?.id) return;
    dataProvider.getSegmentHistory(record.id).then(
      ({ data }) => setHistory(data),
      () => undefined,
    );
    dataProvider.getSegmentInsights(record.id).then(
      ({ data }) => setInsights(data),
      () => undefined,
    );
    dataProvider.getSegmentPartners(record.id).then(
      ({ data }) => setPartners(data),
      () => undefined,
    );
  }, [record?.id, dataProvider]);
  if (!record) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Section title="Size history">
        <SizeHistoryChart points={history} />
      </Section>
      <Section title="Overlap with partners">
        <RowsTable
          testId="partner-overlaps"
          rows={partners}
          rowKey={(p) => p.partnerId}
          columns={[
            { header: 'Partner', cell: (p) => p.partnerName },
            { header: 'Matched customers in segment', cell: (p) => formatSuppressedCount(p.overlap), align: 'right' },
            {
              header: 'Shareable',
              cell: (p) => (p.shareable ? formatSuppressedCount(p.shareable) : 'nothing (no agreement)'),
              align: 'right',
            },
            {
              header: 'Agreement',
              cell: (p) => (p.agreementActive ? `active, min. group ${p.overlap.threshold}` : `none (min. group ${p.overlap.threshold})`),
            },
          ]}
        />
      </Section>
      {insights ? (
        <>
          <Section title="RFM distribution">
            <RfmDistributionChart buckets={insights.rfm} />
          </Section>
          <Section title="Top categories">
            <Table size="small">
              <TableBody>
                {insights.topCategories.map((c) => (
                  <TableRow key={`${c.domain}-${c.category}`}>
                    <TableCell>{c.category}</TableCell>
                    <TableCell>{c.domain === 'KNOWLEDGE' ? 'Knowledge' : 'Partner'}</TableCell>
                    <TableCell align="right">{(c.share * 100).toFixed(1)}%</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
        </>
      ) : null}
    </Box>
  );
}

export function SegmentShow() {
  return (
    <Show<SegmentDto> actions={<Actions />}>
      <SimpleShowLayout>
        <TextField source="name" label="Name" />
        <TextField source="kind" label="Kind" />
        <TextField source="description" label="Description" emptyText="—" />
        <NumberField source="size" label="Members" />
        <DateField source="materialisedAt" label="Computed" showTime emptyText="not yet" />
        <SegmentDetail />
      </SimpleShowLayout>
    </Show>
  );
}
