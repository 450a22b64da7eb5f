import type { PartnerDto } from '@crosslane/contracts';
import { EmailField, NumberField, Show, SimpleShowLayout, TextField, UrlField } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { PARTNER_STATUS_COLORS } from './partner-status';

export function PartnerShow() {
  return (
    <Show<PartnerDto>>
      <SimpleShowLayout>
        <TextField source="name" label="Partner" />
        <TextField source="slug" label="Slug" />
        <TextField source="industry" label="Industry" />
        <StatusChip source="status" label="Status" colors={PARTNER_STATUS_COLORS} />
        <TextField source="contactName" label="Contact" emptyText="—" />
        <EmailField source="contactEmail" label="Contact e-mail" emptyText="—" />
        <UrlField source="website" label="Website" target="_blank" rel="noopener noreferrer" emptyText="—" />
        <NumberField source="itemCount" label="Catalogue items" />
      </SimpleShowLayout>
    </Show>
  );
}
