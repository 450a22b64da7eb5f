import { Datagrid, DateField, List, TextField } from 'react-admin';

/** Concluded campaigns: the ones a Decisions screen exists for. */
export function DecisionsList() {
  return (
    <List resource="campaigns" filter={{ status: 'CONCLUDED' }} title="Decisions" exporter={false}>
      <Datagrid rowClick={(id) => `/decisions/${encodeURIComponent(String(id))}/show`} bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="objective" />
        <DateField source="updatedAt" label="Concluded" />
      </Datagrid>
    </List>
  );
}
