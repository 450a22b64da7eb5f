import OutboxIcon from '@mui/icons-material/Outbox';
import { defineResource } from '../types';
import { ExportCreate } from './ExportCreate';
import { ExportList } from './ExportList';
import { ExportShow } from './ExportShow';

// Everyone sees requests and refusals; only ADMIN and MANAGER get the request and download buttons (the API enforces it).
export const exports = defineResource(
  'Partner exports',
  OutboxIcon,
  { list: ExportList, show: ExportShow, create: ExportCreate },
  { recordRepresentation: 'fileName' },
);
