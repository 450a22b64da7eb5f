import UploadFileIcon from '@mui/icons-material/UploadFile';
import { ALL_ROLES, type ResourceModule } from '../types';
import { ImportCreate } from './ImportCreate';
import { ImportList } from './ImportList';
import { ImportShow } from './ImportShow';

/** Imports: everyone sees them and their error reports; uploading is for managers and admins (the API enforces it). */
export const imports: ResourceModule = {
  list: ImportList,
  show: ImportShow,
  create: ImportCreate,
  icon: UploadFileIcon,
  options: { label: 'Imports' },
  recordRepresentation: 'fileName',
  roles: ALL_ROLES,
};
