import FilterListIcon from '@mui/icons-material/FilterList';
import { defineResource } from '../types';
import { FunnelList } from './FunnelList';
import { FunnelCreate, FunnelEdit } from './FunnelPages';

export const funnels = defineResource(
  'Funnels',
  FilterListIcon,
  { list: FunnelList, create: FunnelCreate, edit: FunnelEdit },
  { recordRepresentation: 'name' },
);
