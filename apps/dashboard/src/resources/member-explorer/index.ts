import TravelExploreIcon from '@mui/icons-material/TravelExplore';
import { ALL_ROLES, type ResourceModule } from '../types';
import { MemberExplorer } from './MemberExplorer';

/** A page, not a CRUD resource: the list route renders the explorer. */
export const memberExplorer: ResourceModule = {
  list: MemberExplorer,
  icon: TravelExploreIcon,
  options: { label: 'Member explorer' },
  roles: ALL_ROLES,
};
