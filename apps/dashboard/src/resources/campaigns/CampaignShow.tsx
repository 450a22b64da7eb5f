import type { CampaignDto, Role } from '@crosslane/contracts';
import {
  ArrayField,
  BooleanField,
  ChipField,
  DataTable,
  DateField,
  EditButton,
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
import { campaignActions, canManageCampaigns, CAMPAIGN_STATUS_COLORS } from './campaign-rules';
import { ConcludeCampaignButton, LaunchCampaignButton, ScheduleCampaignButton, StopCampaignButton } from './CampaignButtons';
import { CampaignPerformance } from './CampaignPerformance';
import { CampaignPlanner } from './CampaignPlanner';

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
              <DataTable.Col source="isControl" label="Control">
                <BooleanField source="isControl" />
              </DataTable.Col>
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
