import { CreateButton, Datagrid, DateField, List, TextField, TopToolbar } from 'react-admin';

export function FunnelList() {
  return (
    <List
      sort={{ field: 'name', order: 'ASC' }}
      // No empty-state page: the toolbar with "New funnel" is the way in, with or without saved funnels.
      empty={false}
      actions={
        <TopToolbar>
          <CreateButton label="New funnel" />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="description" emptyText="" />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}
