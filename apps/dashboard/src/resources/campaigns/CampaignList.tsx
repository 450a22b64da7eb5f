import type { CampaignDto } from '@crosslane/contracts';
import { DataTable } from 'react-admin';
import { choiceFilter, DateCol, ListActions, ResourceList, searchFilter, StatusCol, valueChoices } from '../../common/list-parts';
import { canManageCampaigns, CAMPAIGN_STATUS_COLORS } from './campaign-rules';
import { ImportHillstromButton } from './CampaignButtons';
import { ImportFinishedTestButton } from './ImportFinishedTestDialog';

const filters = [searchFilter(), choiceFilter('status', 'Status', valueChoices(Object.keys(CAMPAIGN_STATUS_COLORS)))];

export function CampaignList() {
  const actions = (
    <ListActions
      canWrite={canManageCampaigns}
      writerActions={
        <>
          <ImportFinishedTestButton />
          <ImportHillstromButton />
        </>
      }
      exportable
    />
  );
  return (
    // empty={false}: with no campaign yet, the toolbar (create, import a finished test) must still show.
    <ResourceList<CampaignDto> filters={filters} actions={actions} sort={{ field: 'createdAt', order: 'DESC' }} empty={false}>
      <DataTable.Col source="name" label="Campaign" />
      <StatusCol source="status" label="Status" colors={CAMPAIGN_STATUS_COLORS} />
      <DataTable.Col source="primaryMetric" label="Primary metric" disableSort />
      <DataTable.Col label="Arms" disableSort render={(c: CampaignDto) => c.variants.map((v) => v.name).join(' · ')} />
      <DateCol source="startAt" label="Start" emptyText="—" />
      <DateCol source="createdAt" label="Created" />
    </ResourceList>
  );
}
