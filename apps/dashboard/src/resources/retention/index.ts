import TimelineIcon from '@mui/icons-material/Timeline';
import { ALL_ROLES, type ResourceModule } from '../types';
import { RetentionScreen } from './RetentionScreen';

/** A screen, not a record type: only a list route, which the retention screen fills. */
export const retention: ResourceModule = {
  list: RetentionScreen,
  icon: TimelineIcon,
  options: { label: 'Retention' },
  roles: ALL_ROLES,
};
