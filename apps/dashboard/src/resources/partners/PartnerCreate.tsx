import { Create, SimpleForm, TextInput } from 'react-admin';
import { PartnerFields, toPartnerBody } from './partner-form';

export function PartnerCreate() {
  return (
    <Create title="New partner" redirect="show" transform={(data: Record<string, unknown>) => toPartnerBody(data, false)}>
      <SimpleForm defaultValues={{ status: 'PROSPECT', industry: 'car-modification' }} sx={{ maxWidth: 520 }}>
        <PartnerFields editing={false} />
        <TextInput source="slug" label="Slug" helperText="Optional: derived from the name" />
      </SimpleForm>
    </Create>
  );
}
