import type { InterestTopicDto, Role } from '@crosslane/contracts';
import { DataTable, FunctionField, usePermissions } from 'react-admin';
import { BooleanCol, ListActions, ResourceList, searchFilter } from '../../common/list-parts';

/** Only admins change the taxonomy (the API enforces it): a change recomputes every affected profile and segment. */
export const canEditTaxonomy = (role: Role | undefined) => role === 'ADMIN';

const filters = [searchFilter()];

const list = (values: string[]) => (values.length ? values.join(', ') : '—');

export function TopicList() {
  const { permissions } = usePermissions<Role>();
  return (
    <ResourceList<InterestTopicDto>
      sort={{ field: 'name', order: 'ASC' }}
      filters={filters}
      actions={<ListActions canWrite={canEditTaxonomy} />}
      rowClick={canEditTaxonomy(permissions) ? 'edit' : false}
    >
      <DataTable.Col source="name" label="Topic" />
      <BooleanCol source="countsAsCar" label="Car interest" />
      <DataTable.Col label="Knowledge categories" disableSort>
        <FunctionField<InterestTopicDto> render={(t) => list(t.knowledgeCategories)} />
      </DataTable.Col>
      <DataTable.Col label="Tags" disableSort>
        <FunctionField<InterestTopicDto> render={(t) => list(t.knowledgeTags)} />
      </DataTable.Col>
      <DataTable.Col label="Partner and market categories" disableSort>
        <FunctionField<InterestTopicDto> render={(t) => list(t.partnerCategories)} />
      </DataTable.Col>
    </ResourceList>
  );
}
