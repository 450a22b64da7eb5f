import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import { ALL_ROLES, type ResourceModule } from '../types';
import { JobList } from './JobList';
import { JobShow } from './JobShow';

export const jobs: ResourceModule = {
  list: JobList,
  show: JobShow,
  icon: WorkHistoryIcon,
  options: { label: 'Jobs' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
