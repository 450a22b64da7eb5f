import { DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import { Create, ReferenceInput, required, SelectInput, SimpleForm } from 'react-admin';
import { AgreementTerms, toAgreementBody } from './agreement-form';

const inAYear = () => new Date(Date.now() + 365 * 24 * 3600_000).toISOString();

export function AgreementCreate() {
  return (
    <Create title="New sharing agreement" redirect="show" transform={(data: Record<string, unknown>) => toAgreementBody(data, true)}>
      <SimpleForm
        defaultValues={{
          minGroupSize: DEFAULT_MIN_GROUP_SIZE,
          consentRequired: true,
          validFrom: new Date().toISOString(),
          validTo: inAYear(),
          fieldsAllowed: ['member_count'],
          purposesAllowed: ['MEASUREMENT'],
        }}
        sx={{ maxWidth: 640 }}
      >
        <ReferenceInput source="partnerId" reference="partners" filter={{ status: 'ACTIVE' }} sort={{ field: 'name', order: 'ASC' }}>
          <SelectInput label="Partner" optionText="name" validate={required()} />
        </ReferenceInput>
        <AgreementTerms />
      </SimpleForm>
    </Create>
  );
}
