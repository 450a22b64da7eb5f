import type { CampaignDto, Role } from '@crosslane/contracts';
import {
  ArrayField,
  ChipField,
  DataTable,
  DateField,
  EditButton,
  Labeled,
  NumberField,
  ReferenceArrayField,
  Show,
  SingleFieldList,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { Box, Typography } from '@mui/material';
import { campaignActions, canManageCampaigns, CAMPAIGN_STATUS_COLORS, describeMetric } from './campaign-rules';
import { ConcludeCampaignButton, LaunchCampaignButton, ScheduleCampaignButton, StopCampaignButton } from './CampaignButtons';
import { CampaignPerformance } from './CampaignPerformance';
import { CampaignPlanner } from './CampaignPlanner';
import { BooleanCol } from '../../common/list-parts';

/** The declared metric plan, one line per metric; a campaign without one says it uses the built-in metrics. */
function MetricPlan() {
  const campaign = useRecordContext<CampaignDto>();
  if (!campaign) return null;
  if (!campaign.metrics || campaign.metrics.length === 0)
    return <Typography variant="body2">Built-in metrics (conversion, retention, revenue per member)</Typography>;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="metric-plan">
      {campaign.metrics.map((m) => (
        <li key={m.name}>
          <Typography variant="body2">{describeMetric(m)}</Typography>
        </li>
      ))}
    </Box>
  );
}

function Actions() {
  const { permissions } = usePermissions<Role>();
  const campaign = useRecordContext<CampaignDto>();
  if (!canManageCampaigns(permissions)) return <TopToolbar />;
  return (
    <TopToolbar>
      <ScheduleCampaignButton />
      <LaunchCampaignButton />
      <StopCampaignButton />
      <ConcludeCampaignButton />
      {campaignActions(campaign?.status).edit && <EditButton />}
    </TopToolbar>
  );
}

export function CampaignShow() {
  return (
    <Show<CampaignDto> actions={<Actions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Overview">
          <TextField source="name" />
          <StatusChip source="status" colors={CAMPAIGN_STATUS_COLORS} />
          <TextField source="objective" />
          <TextField source="primaryMetric" />
          <TextField source="guardrailMetrics" emptyText="—" />
          <Labeled label="Metric plan">
            <MetricPlan />
          </Labeled>
          <ReferenceArrayField source="partnerIds" reference="partners" label="Partners">
            <SingleFieldList linkType="show">
              <ChipField source="name" />
            </SingleFieldList>
          </ReferenceArrayField>
          <TextField source="targetSegmentId" label="Target segment" emptyText="every member" />
          <NumberField source="minimumEffect" emptyText="—" />
          <DateField source="startAt" showTime emptyText="—" />
          <DateField source="endAt" showTime emptyText="—" />
          <TextField source="overrideReason" emptyText="—" label="Launch override reason" />
          <ArrayField source="variants">
            <DataTable bulkActionButtons={false} rowClick={false}>
              <DataTable.Col source="key" />
              <DataTable.Col source="name" />
              <BooleanCol source="isControl" label="Control" />
              <DataTable.NumberCol source="weight" />
              <DataTable.Col source="offerType" label="Offer" />
              <DataTable.Col source="offerItemId" label="Item" />
            </DataTable>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Planner" path="planner">
          <CampaignPlanner />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Performance" path="performance">
          <CampaignPerformance />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
