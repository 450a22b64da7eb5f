import type { CampaignDto } from '@crosslane/contracts';
import { Edit, useRecordContext } from 'react-admin';
import { toCampaignBody } from './campaign-rules';
import { CampaignForm } from './CampaignForm';

function LockedForm() {
  const record = useRecordContext<CampaignDto>();
  return (
    <CampaignForm
      designLocked={record ? !['DRAFT', 'SCHEDULED'].includes(record.status) : false}
      metricsLocked={record ? record.status !== 'DRAFT' || record.unitKind === 'EXTERNAL' : false}
    />
  );
}

export function CampaignEdit() {
  return (
    <Edit<CampaignDto>
      mutationMode="pessimistic"
      redirect="show"
      transform={(data: Record<string, unknown>) => toCampaignBody(data, (data as { status?: CampaignDto['status'] }).status)}
    >
      <LockedForm />
    </Edit>
  );
}
