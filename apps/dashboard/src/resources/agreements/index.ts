import GavelIcon from '@mui/icons-material/Gavel';
import { defineResource } from '../types';
import { AgreementCreate } from './AgreementCreate';
import { AgreementEdit } from './AgreementEdit';
import { AgreementList } from './AgreementList';
import { AgreementShow } from './AgreementShow';

// Everyone reads agreements; only ADMIN sees the create, change and revoke buttons (the API refuses the others with 403).
export const agreements = defineResource(
  'Sharing agreements',
  GavelIcon,
  { list: AgreementList, show: AgreementShow, create: AgreementCreate, edit: AgreementEdit },
  { recordRepresentation: (r: { partnerName?: string; version?: number }) => `${r.partnerName ?? 'Agreement'} v${r.version ?? '?'}` },
);
