import { BooleanInput, Create, email, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { ROLE_CHOICES, toCreateBody } from './account-form';

export function AccountCreate() {
  return (
    <Create title="New account" redirect="list" transform={toCreateBody}>
      <SimpleForm defaultValues={{ role: 'ANALYST', active: true }} sx={{ maxWidth: 480 }}>
        <TextInput source="email" label="Email" type="email" autoComplete="off" validate={[required(), email()]} />
        <TextInput source="displayName" label="Display name" />
        <SelectInput source="role" label="Role" choices={ROLE_CHOICES} validate={required()} />
        <PasswordInput source="password" label="Password" autoComplete="new-password" validate={required()} />
        <BooleanInput source="active" label="Active" />
      </SimpleForm>
    </Create>
  );
}
