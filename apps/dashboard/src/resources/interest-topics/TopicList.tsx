import type { InterestTopicDto, Role } from '@crosslane/contracts';
import { BooleanField, CreateButton, DataTable, FunctionField, List, TextInput, TopToolbar, usePermissions } from 'react-admin';

/** Only admins change the taxonomy (the API enforces it): a change recomputes every affected profile and segment. */
export const canEditTaxonomy = (role: Role | undefined) => role === 'ADMIN';

const filters = [<TextInput key="q" source="q" label="Search" alwaysOn />];

function Actions() {
  const { permissions } = usePermissions<Role>();
  return <TopToolbar>{canEditTaxonomy(permissions) && <CreateButton />}</TopToolbar>;
}

const list = (values: string[]) => (values.length ? values.join(', ') : '—');

export function TopicList() {
  const { permissions } = usePermissions<Role>();
  return (
    <List<InterestTopicDto> sort={{ field: 'name', order: 'ASC' }} perPage={25} filters={filters} actions={<Actions />}>
      <DataTable<InterestTopicDto> rowClick={canEditTaxonomy(permissions) ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="name" label="Topic" />
        <DataTable.Col source="countsAsCar" label="Car interest">
          <BooleanField source="countsAsCar" />
        </DataTable.Col>
        <DataTable.Col label="Knowledge categories" disableSort>
          <FunctionField<InterestTopicDto> render={(t) => list(t.knowledgeCategories)} />
        </DataTable.Col>
        <DataTable.Col label="Tags" disableSort>
          <FunctionField<InterestTopicDto> render={(t) => list(t.knowledgeTags)} />
        </DataTable.Col>
        <DataTable.Col label="Partner and market categories" disableSort>
          <FunctionField<InterestTopicDto> render={(t) => list(t.partnerCategories)} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
