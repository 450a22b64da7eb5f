import { Create } from 'react-admin';
import { toCampaignBody } from './campaign-rules';
import { CampaignForm } from './CampaignForm';

export function CampaignCreate() {
  return (
    <Create title="New campaign" redirect="show" transform={(data: Record<string, unknown>) => toCampaignBody(data)}>
      <CampaignForm />
    </Create>
  );
}
