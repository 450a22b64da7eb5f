import GroupWorkIcon from '@mui/icons-material/GroupWork';
import { ALL_ROLES, type ResourceModule } from '../types';
import { SegmentCreate, SegmentEdit } from './SegmentForms';
import { SegmentList } from './SegmentList';
import { SegmentShow } from './SegmentShow';

export const segments: ResourceModule = {
  list: SegmentList,
  show: SegmentShow,
  create: SegmentCreate,
  edit: SegmentEdit,
  icon: GroupWorkIcon,
  options: { label: 'Segments' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
