import HandshakeIcon from '@mui/icons-material/Handshake';
import { ALL_ROLES, type ResourceModule } from '../types';
import { PartnerList } from './PartnerList';
import { PartnerShow } from './PartnerShow';

export const partners: ResourceModule = {
  list: PartnerList,
  show: PartnerShow,
  icon: HandshakeIcon,
  options: { label: 'Partners' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
