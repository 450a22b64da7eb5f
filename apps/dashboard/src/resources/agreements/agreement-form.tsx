import { EXPORT_PURPOSES, EXPORTABLE_FIELDS, EXPORTABLE_FIELD_NAMES, type AgreementStatus } from '@crosslane/contracts';
import { AutocompleteArrayInput, BooleanInput, CheckboxGroupInput, DateTimeInput, minValue, NumberInput, ReferenceArrayInput, required, TextInput } from 'react-admin';
import type { ChipColor } from '../../common/StatusChip';

export const AGREEMENT_STATUS_COLORS: Record<AgreementStatus, ChipColor> = { ACTIVE: 'success', SUPERSEDED: 'default', REVOKED: 'error' };
export const AGREEMENT_STATUS_CHOICES = (Object.keys(AGREEMENT_STATUS_COLORS) as AgreementStatus[]).map((id) => ({ id, name: id }));
export const FIELD_CHOICES = EXPORTABLE_FIELD_NAMES.map((id) => ({ id, name: `${id}: ${EXPORTABLE_FIELDS[id].label}` }));
export const PURPOSE_CHOICES = EXPORT_PURPOSES.map((id) => ({ id, name: id.replace('_', ' ').toLowerCase() }));

const TERMS = ['fieldsAllowed', 'purposesAllowed', 'segmentsAllowed', 'minGroupSize', 'consentRequired', 'validFrom', 'validTo', 'note'] as const;

/** Sends only the terms (and the partner on create): the API refuses unknown fields such as id or version. */
export function toAgreementBody(data: Record<string, unknown>, creating: boolean): Record<string, unknown> {
  const keys: readonly string[] = creating ? ['partnerId', ...TERMS] : TERMS;
  const body = Object.fromEntries(keys.filter((k) => data[k] !== undefined && data[k] !== null && data[k] !== '').map((k) => [k, data[k]]));
  for (const key of ['validFrom', 'validTo']) {
    if (body[key]) body[key] = new Date(body[key] as string).toISOString();
  }
  return body;
}

/** The terms of an agreement, shared by create and change. */
export function AgreementTerms() {
  return (
    <>
      <CheckboxGroupInput source="fieldsAllowed" label="Fields allowed" choices={FIELD_CHOICES} row={false} validate={required()} />
      <CheckboxGroupInput source="purposesAllowed" label="Purposes allowed" choices={PURPOSE_CHOICES} validate={required()} />
      <ReferenceArrayInput source="segmentsAllowed" reference="segments" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteArrayInput label="Segments allowed (member lists)" optionText="name" />
      </ReferenceArrayInput>
      <NumberInput source="minGroupSize" label="Minimum group size" min={10} step={1} validate={[required(), minValue(10)]} helperText="Any aggregate row, overlap or list below this is suppressed or refused (at least 10)" />
      <BooleanInput source="consentRequired" label="Consent required" helperText="Only members who consented to partner sharing may appear" />
      <DateTimeInput source="validFrom" label="Valid from" validate={required()} />
      <DateTimeInput source="validTo" label="Valid to" validate={required()} />
      <TextInput source="note" label="Note" multiline fullWidth />
    </>
  );
}
