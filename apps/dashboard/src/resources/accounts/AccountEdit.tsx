import type { AccountDto } from '@crosslane/contracts';
import {
  BooleanInput,
  DateField,
  Edit,
  Labeled,
  PasswordInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
} from 'react-admin';
import { DeactivateAccountButton } from './DeactivateAccountButton';
import { ROLE_CHOICES, toUpdateBody } from './account-form';

// No delete button: accounts are deactivated, never removed.
const AccountEditToolbar = () => (
  <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
    <SaveButton />
    <DeactivateAccountButton />
  </Toolbar>
);

export function AccountEdit() {
  return (
    <Edit<AccountDto> mutationMode="pessimistic" transform={toUpdateBody} redirect="list">
      <SimpleForm toolbar={<AccountEditToolbar />} sx={{ maxWidth: 480 }}>
        <Labeled label="Email">
          <TextField source="email" />
        </Labeled>
        <TextInput source="displayName" label="Display name" />
        <SelectInput source="role" label="Role" choices={ROLE_CHOICES} validate={required()} />
        <BooleanInput source="active" label="Active" />
        <PasswordInput
          source="password"
          label="New password"
          autoComplete="new-password"
          helperText="Leave empty to keep the current password"
        />
        <Labeled label="Last sign-in">
          <DateField source="lastLoginAt" showTime emptyText="never" />
        </Labeled>
      </SimpleForm>
    </Edit>
  );
}
