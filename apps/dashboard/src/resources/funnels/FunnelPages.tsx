import type { SavedFunnelDto } from '@crosslane/contracts';
import { EditBase, Title, useRecordContext } from 'react-admin';
import { FunnelBuilder } from './FunnelBuilder';

export function FunnelCreate() {
  return (
    <>
      <Title title="New funnel" />
      <FunnelBuilder />
    </>
  );
}

/** A saved funnel opens in the builder with its definition, range and breakdown. */
export function FunnelEdit() {
  return (
    <EditBase>
      <SavedFunnel />
    </EditBase>
  );
}

function SavedFunnel() {
  const record = useRecordContext<SavedFunnelDto>();
  if (!record) return null;
  return (
    <>
      <Title title={`Funnel: ${record.name}`} />
      <FunnelBuilder key={record.id} saved={record} />
    </>
  );
}
