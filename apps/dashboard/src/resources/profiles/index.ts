import InsightsIcon from '@mui/icons-material/Insights';
import { defineResource } from '../types';
import { ProfileList } from './ProfileList';
import { ProfileShow } from './ProfileShow';

export const profiles = defineResource(
  'Profiles',
  InsightsIcon,
  { list: ProfileList, show: ProfileShow },
  { recordRepresentation: 'memberKey' },
);
