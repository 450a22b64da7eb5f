import GroupWorkIcon from '@mui/icons-material/GroupWork';
import { defineResource } from '../types';
import { SegmentCreate, SegmentEdit } from './SegmentForms';
import { SegmentList } from './SegmentList';
import { SegmentShow } from './SegmentShow';

export const segments = defineResource(
  'Segments',
  GroupWorkIcon,
  { list: SegmentList, show: SegmentShow, create: SegmentCreate, edit: SegmentEdit },
  { recordRepresentation: 'name' },
);
