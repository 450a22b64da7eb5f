import { Alert } from '@mui/material';
import { Create, FileField, FileInput, SimpleForm, TextInput } from 'react-admin';
import { toErasureBody, validateErasure } from './erasure-form';

/**
 * One key, or a CSV batch with a memberKey column. The keys are suppressed at
 * once and a job erases each member; the list shows when it completed.
 */
export function ErasureCreate() {
  return (
    <Create title="File an erasure request" redirect="list" transform={toErasureBody}>
      <SimpleForm validate={validateErasure} sx={{ maxWidth: 640 }}>
        <Alert severity="warning">
          Erasure cannot be undone: the member's profile, interactions, segment and campaign memberships go, and their key is suppressed so
          an import cannot bring them back.
        </Alert>
        <TextInput source="memberKey" label="Member key" helperText="Or upload a batch below" />
        <FileInput source="batch" label="CSV batch (a memberKey column)" accept={{ 'text/csv': ['.csv'] }}>
          <FileField source="src" title="title" />
        </FileInput>
        <TextInput source="reason" label="Reason (e.g. the ticket of the member's request)" multiline />
      </SimpleForm>
    </Create>
  );
}
