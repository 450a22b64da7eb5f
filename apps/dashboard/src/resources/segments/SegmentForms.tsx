import { Create, Edit, required, SimpleForm, TextInput } from 'react-admin';
import { RuleEditor } from './RuleEditor';

const toBody = (data: Record<string, unknown>) => ({ name: data.name, description: data.description || undefined, rule: data.rule });

/** A segment's fields, the same when it is created and when it is edited. */
function SegmentFields() {
  return (
    <>
      <TextInput source="name" label="Name" validate={required()} sx={{ maxWidth: 480 }} fullWidth />
      <TextInput source="description" label="Description" multiline sx={{ maxWidth: 760 }} fullWidth />
      <RuleEditor />
    </>
  );
}

export function SegmentCreate() {
  return (
    <Create title="New segment" redirect="show" transform={toBody}>
      <SimpleForm>
        <SegmentFields />
      </SimpleForm>
    </Create>
  );
}

export function SegmentEdit() {
  return (
    <Edit title="Edit segment" redirect="show" mutationMode="pessimistic" transform={toBody}>
      <SimpleForm>
        <SegmentFields />
      </SimpleForm>
    </Edit>
  );
}
