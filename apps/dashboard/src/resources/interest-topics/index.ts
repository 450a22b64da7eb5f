import CategoryIcon from '@mui/icons-material/Category';
import { defineResource } from '../types';
import { TopicCreate, TopicEdit } from './TopicEdit';
import { TopicList } from './TopicList';

// Everyone reads the taxonomy (it explains car interest); only admins see the edit routes' buttons, and the API refuses the rest.
export const interestTopics = defineResource(
  'Interest taxonomy',
  CategoryIcon,
  { list: TopicList, edit: TopicEdit, create: TopicCreate },
  { recordRepresentation: 'name' },
);
