import HandshakeIcon from '@mui/icons-material/Handshake';
import { ALL_ROLES, type ResourceModule } from '../types';
import { PartnerCreate } from './PartnerCreate';
import { PartnerEdit } from './PartnerEdit';
import { PartnerList } from './PartnerList';
import { PartnerShow } from './PartnerShow';

// Everyone reads partners; create and edit are routes for all, but only ADMIN and MANAGER see the buttons and the API refuses the rest.
export const partners: ResourceModule = {
  list: PartnerList,
  show: PartnerShow,
  create: PartnerCreate,
  edit: PartnerEdit,
  icon: HandshakeIcon,
  options: { label: 'Partners' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
