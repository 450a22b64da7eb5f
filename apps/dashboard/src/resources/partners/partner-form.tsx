import { email, required, SelectInput, TextInput } from 'react-admin';

export const PARTNER_STATUS_CHOICES = [
  { id: 'PROSPECT', name: 'Prospect' },
  { id: 'ACTIVE', name: 'Active' },
  { id: 'ARCHIVED', name: 'Archived' },
];

const url = (value: string | null | undefined) =>
  value && !/^https?:\/\/\S+$/.test(value) ? 'Must start with http:// or https://' : undefined;

/** The fields create and edit share; status ARCHIVED is offered on edit only (create starts a prospect or an active partner). */
export function PartnerFields({ editing }: { editing: boolean }) {
  return (
    <>
      <TextInput source="name" label="Name" validate={required()} />
      <TextInput source="industry" label="Industry" validate={required()} helperText="e.g. car-modification, wheels, lighting" />
      <SelectInput
        source="status"
        label="Status"
        choices={editing ? PARTNER_STATUS_CHOICES : PARTNER_STATUS_CHOICES.slice(0, 2)}
        validate={required()}
      />
      <TextInput source="contactName" label="Contact" />
      <TextInput source="contactEmail" label="Contact e-mail" type="email" validate={email()} />
      <TextInput source="website" label="Website" validate={url} />
    </>
  );
}

/** Only the editable fields go to the API (it refuses unknown ones); empty text clears a field. */
export function toPartnerBody(data: Record<string, unknown>, editing: boolean): Record<string, unknown> {
  const keys = editing
    ? ['name', 'industry', 'status', 'contactName', 'contactEmail', 'website']
    : ['name', 'slug', 'industry', 'status', 'contactName', 'contactEmail', 'website'];
  return Object.fromEntries(
    keys.filter((k) => data[k] !== undefined && !(k === 'slug' && !data[k])).map((k) => [k, data[k] === '' ? null : data[k]]),
  );
}
