import { EXPORT_PURPOSES, EXPORTABLE_FIELDS, EXPORTABLE_FIELD_NAMES, PRIVACY_MODES, type AgreementStatus } from '@crosslane/contracts';
import {
  AutocompleteArrayInput,
  BooleanInput,
  CheckboxGroupInput,
  DateTimeInput,
  FormDataConsumer,
  maxValue,
  minValue,
  NumberInput,
  ReferenceArrayInput,
  required,
  SelectInput,
  TextInput,
} from 'react-admin';
import type { ChipColor } from '../../common/StatusChip';

export const AGREEMENT_STATUS_COLORS: Record<AgreementStatus, ChipColor> = { ACTIVE: 'success', SUPERSEDED: 'default', REVOKED: 'error' };
export const AGREEMENT_STATUS_CHOICES = (Object.keys(AGREEMENT_STATUS_COLORS) as AgreementStatus[]).map((id) => ({ id, name: id }));
export const FIELD_CHOICES = EXPORTABLE_FIELD_NAMES.map((id) => ({ id, name: `${id}: ${EXPORTABLE_FIELDS[id].label}` }));
export const PURPOSE_CHOICES = EXPORT_PURPOSES.map((id) => ({ id, name: id.replace('_', ' ').toLowerCase() }));

const TERMS = [
  'fieldsAllowed',
  'purposesAllowed',
  'segmentsAllowed',
  'minGroupSize',
  'consentRequired',
  'privacyMode',
  'epsilonBudget',
  'epsilonPerQuery',
  'validFrom',
  'validTo',
  'note',
] as const;

export const PRIVACY_MODE_CHOICES = PRIVACY_MODES.map((id) => ({
  id,
  name:
    id === 'THRESHOLD'
      ? 'Threshold: exact counts of at least k, with difference checks'
      : 'Noise: counts with discrete-Laplace noise, within a monthly epsilon budget',
}));

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
      <NumberInput
        source="minGroupSize"
        label="Minimum group size"
        min={10}
        step={1}
        validate={[required(), minValue(10)]}
        helperText="Any aggregate row, overlap or list below this is suppressed or refused (at least 10)"
      />
      <BooleanInput
        source="consentRequired"
        label="Consent required"
        helperText="Only members who consented to partner sharing may appear"
      />
      <SelectInput
        source="privacyMode"
        label="Privacy mode"
        choices={PRIVACY_MODE_CHOICES}
        defaultValue="THRESHOLD"
        validate={required()}
        helperText="docs/privacy.md: what each protects against"
      />
      <FormDataConsumer>
        {({ formData }) =>
          formData.privacyMode === 'NOISE' && (
            <>
              <NumberInput
                source="epsilonBudget"
                label="Epsilon budget per month"
                defaultValue={6}
                step={0.1}
                validate={[required(), minValue(0.01), maxValue(100)]}
                helperText="Spent by fresh noisy answers; refreshes on the first of each month"
              />
              <NumberInput
                source="epsilonPerQuery"
                label="Epsilon per query"
                defaultValue={0.1}
                step={0.01}
                validate={[required(), minValue(0.001), maxValue(10)]}
                helperText="0.1: each answer within ±30 of the truth 95 % of the time; 60 fresh answers fit a budget of 6"
              />
            </>
          )
        }
      </FormDataConsumer>
      <DateTimeInput source="validFrom" label="Valid from" validate={required()} />
      <DateTimeInput source="validTo" label="Valid to" validate={required()} />
      <TextInput source="note" label="Note" multiline fullWidth />
    </>
  );
}
