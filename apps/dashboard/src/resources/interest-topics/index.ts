import CategoryIcon from '@mui/icons-material/Category';
import { ALL_ROLES, type ResourceModule } from '../types';
import { TopicCreate, TopicEdit } from './TopicEdit';
import { TopicList } from './TopicList';

// Everyone reads the taxonomy (it explains car interest); only admins see the edit routes' buttons, and the API refuses the rest.
export const interestTopics: ResourceModule = {
  list: TopicList,
  edit: TopicEdit,
  create: TopicCreate,
  icon: CategoryIcon,
  options: { label: 'Interest taxonomy' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
