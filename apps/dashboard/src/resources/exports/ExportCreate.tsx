import { Alert } from '@mui/material';
import {
  BooleanInput,
  CheckboxGroupInput,
  Create,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
} from 'react-admin';
import { PURPOSE_CHOICES } from '../agreements/agreement-form';
import { fieldChoicesFor, toExportBody } from './export-form';

const KIND_CHOICES = [
  { id: 'MEMBER_LIST', name: 'Member list of a segment (pseudonymous ids)' },
  { id: 'AGGREGATE', name: 'Aggregate counts by one dimension' },
];

/**
 * The request is checked against the partner's agreement when it is sent:
 * a refusal comes back at once with the rule that forbids it (shown as the
 * error), and is kept in the list as REFUSED.
 */
export function ExportCreate() {
  return (
    <Create title="Request a partner export" redirect="show" transform={toExportBody}>
      <SimpleForm
        defaultValues={{ kind: 'AGGREGATE', purpose: 'MEASUREMENT', dimension: 'city', fields: ['partner_pseudonym'] }}
        sx={{ maxWidth: 640 }}
      >
        <Alert severity="info">
          Only what the partner's active agreement allows is built: consented members, allowed fields, groups of at least its minimum size.
        </Alert>
        <ReferenceInput source="partnerId" reference="partners" filter={{ status: 'ACTIVE' }} sort={{ field: 'name', order: 'ASC' }}>
          <SelectInput label="Partner" optionText="name" validate={required()} />
        </ReferenceInput>
        <SelectInput source="purpose" label="Purpose" choices={PURPOSE_CHOICES} validate={required()} />
        <RadioButtonGroupInput source="kind" label="Kind" choices={KIND_CHOICES} row={false} validate={required()} />
        <FormDataConsumer<{ kind?: 'MEMBER_LIST' | 'AGGREGATE' }>>
          {({ formData }) =>
            formData.kind === 'AGGREGATE' ? (
              <SelectInput source="dimension" label="Count members by" choices={fieldChoicesFor('AGGREGATE')} validate={required()} />
            ) : (
              <CheckboxGroupInput
                source="fields"
                label="Columns"
                choices={fieldChoicesFor('MEMBER_LIST')}
                row={false}
                validate={required()}
              />
            )
          }
        </FormDataConsumer>
        <ReferenceInput source="segmentId" reference="segments" sort={{ field: 'name', order: 'ASC' }}>
          <SelectInput label="Segment (required for a member list)" optionText="name" emptyText="All members" />
        </ReferenceInput>
        <BooleanInput
          source="includeNonConsented"
          label="Include members without sharing consent"
          helperText="Refused where the agreement requires consent"
        />
      </SimpleForm>
    </Create>
  );
}
