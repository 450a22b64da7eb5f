import FilterListIcon from '@mui/icons-material/FilterList';
import { ALL_ROLES, type ResourceModule } from '../types';
import { FunnelList } from './FunnelList';
import { FunnelCreate, FunnelEdit } from './FunnelPages';

export const funnels: ResourceModule = {
  list: FunnelList,
  create: FunnelCreate,
  edit: FunnelEdit,
  icon: FilterListIcon,
  options: { label: 'Funnels' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
