import type { SharingAgreementDto } from '@crosslane/contracts';
import { Alert } from '@mui/material';
import { Edit, SimpleForm, useRedirect } from 'react-admin';
import { AgreementTerms, toAgreementBody } from './agreement-form';

/** A change never edits a version: saving writes version n+1 and supersedes this one, then shows the new version. */
export function AgreementEdit() {
  const redirect = useRedirect();
  return (
    <Edit<SharingAgreementDto>
      title="Change agreement (new version)"
      mutationMode="pessimistic"
      transform={(data: Record<string, unknown>) => toAgreementBody(data, false)}
      mutationOptions={{ onSuccess: (data: SharingAgreementDto) => redirect('show', 'agreements', data.id) }}
    >
      <SimpleForm sx={{ maxWidth: 640 }}>
        <Alert severity="info">Saving creates a new version; this one becomes SUPERSEDED and stays in the history.</Alert>
        <AgreementTerms />
      </SimpleForm>
    </Edit>
  );
}
