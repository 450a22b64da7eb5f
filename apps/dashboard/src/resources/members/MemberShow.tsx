import type { MemberDto } from '@crosslane/contracts';
import { BooleanField, DateField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ConsentButtons, ConsentHistory } from './ConsentHistory';

export function MemberShow() {
  return (
    <Show<MemberDto>>
      <SimpleShowLayout>
        <TextField source="memberKey" label="Member key" />
        <TextField source="city" label="City" emptyText="—" />
        <DateField source="joinedAt" label="Joined" />
        <NumberField source="interactionCount" label="Interactions" />
        <BooleanField source="consentPersonalisation" label="Personalisation consent" />
        <BooleanField source="consentPartnerSharing" label="Partner-sharing consent" />
        <ConsentButtons />
        <ConsentHistory />
      </SimpleShowLayout>
    </Show>
  );
}
