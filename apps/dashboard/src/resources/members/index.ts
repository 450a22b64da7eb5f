import PeopleIcon from '@mui/icons-material/People';
import { ALL_ROLES, type ResourceModule } from '../types';
import { MemberList } from './MemberList';
import { MemberShow } from './MemberShow';

export const members: ResourceModule = {
  list: MemberList,
  show: MemberShow,
  icon: PeopleIcon,
  options: { label: 'Members' },
  recordRepresentation: 'memberKey',
  roles: ALL_ROLES,
};
