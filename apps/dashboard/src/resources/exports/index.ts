import OutboxIcon from '@mui/icons-material/Outbox';
import { ALL_ROLES, type ResourceModule } from '../types';
import { ExportCreate } from './ExportCreate';
import { ExportList } from './ExportList';
import { ExportShow } from './ExportShow';

// Everyone sees requests and refusals; only ADMIN and MANAGER get the request and download buttons (the API enforces it).
export const exports: ResourceModule = {
  list: ExportList,
  show: ExportShow,
  create: ExportCreate,
  icon: OutboxIcon,
  options: { label: 'Partner exports' },
  recordRepresentation: 'fileName',
  roles: ALL_ROLES,
};
