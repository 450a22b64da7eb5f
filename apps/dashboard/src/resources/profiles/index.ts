import InsightsIcon from '@mui/icons-material/Insights';
import { ALL_ROLES, type ResourceModule } from '../types';
import { ProfileList } from './ProfileList';
import { ProfileShow } from './ProfileShow';

export const profiles: ResourceModule = {
  list: ProfileList,
  show: ProfileShow,
  icon: InsightsIcon,
  options: { label: 'Profiles' },
  recordRepresentation: 'memberKey',
  roles: ALL_ROLES,
};
