import ScienceIcon from '@mui/icons-material/Science';
import { defineResource } from '../types';
import { CampaignCreate } from './CampaignCreate';
import { CampaignEdit } from './CampaignEdit';
import { CampaignList } from './CampaignList';
import { CampaignShow } from './CampaignShow';

// Everyone reads campaigns and analyses; only ADMIN and MANAGER see create, edit, launch and stop (and the API refuses the rest).
export const campaigns = defineResource(
  'Campaigns',
  ScienceIcon,
  { list: CampaignList, show: CampaignShow, create: CampaignCreate, edit: CampaignEdit },
  { recordRepresentation: 'name' },
);
