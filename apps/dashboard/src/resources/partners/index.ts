import HandshakeIcon from '@mui/icons-material/Handshake';
import { defineResource } from '../types';
import { PartnerCreate } from './PartnerCreate';
import { PartnerEdit } from './PartnerEdit';
import { PartnerList } from './PartnerList';
import { PartnerShow } from './PartnerShow';

// Everyone reads partners; create and edit are routes for all, but only ADMIN and MANAGER see the buttons and the API refuses the rest.
export const partners = defineResource(
  'Partners',
  HandshakeIcon,
  { list: PartnerList, show: PartnerShow, create: PartnerCreate, edit: PartnerEdit },
  { recordRepresentation: 'name' },
);
