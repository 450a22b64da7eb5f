import UploadFileIcon from '@mui/icons-material/UploadFile';
import { defineResource } from '../types';
import { ImportCreate } from './ImportCreate';
import { ImportList } from './ImportList';
import { ImportShow } from './ImportShow';

/** Imports: everyone sees them and their error reports; uploading is for managers and admins (the API enforces it). */
export const imports = defineResource(
  'Imports',
  UploadFileIcon,
  { list: ImportList, show: ImportShow, create: ImportCreate },
  { recordRepresentation: 'fileName' },
);
