import type { CampaignDto, Role } from '@crosslane/contracts';
import { CreateButton, DataTable, DateField, ExportButton, List, SelectInput, TextInput, TopToolbar, usePermissions } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { canManageCampaigns, CAMPAIGN_STATUS_COLORS } from './campaign-rules';
import { ImportHillstromButton } from './CampaignButtons';
import { ImportFinishedTestButton } from './ImportFinishedTestDialog';

const STATUSES = Object.keys(CAMPAIGN_STATUS_COLORS);
const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="status" source="status" label="Status" choices={STATUSES.map((s) => ({ id: s, name: s }))} alwaysOn />,
];

function Actions() {
  const { permissions } = usePermissions<Role>();
  return (
    <TopToolbar>
      {canManageCampaigns(permissions) && <ImportFinishedTestButton />}
      {canManageCampaigns(permissions) && <ImportHillstromButton />}
      {canManageCampaigns(permissions) && <CreateButton />}
      <ExportButton />
    </TopToolbar>
  );
}

export function CampaignList() {
  return (
    // empty={false}: with no campaign yet, the toolbar (create, import a finished test) must still show.
    <List<CampaignDto> filters={filters} actions={<Actions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} empty={false}>
      <DataTable<CampaignDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label="Campaign" />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={CAMPAIGN_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="primaryMetric" label="Primary metric" disableSort />
        <DataTable.Col label="Arms" disableSort render={(c: CampaignDto) => c.variants.map((v) => v.name).join(' · ')} />
        <DataTable.Col source="startAt" label="Start">
          <DateField source="startAt" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created">
          <DateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
