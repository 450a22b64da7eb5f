import InsightsIcon from '@mui/icons-material/Insights';
import NextPlanIcon from '@mui/icons-material/NextPlan';
import { ALL_ROLES, type ResourceModule } from '../types';
import { DecisionsList } from './DecisionsList';
import { DecisionsShow } from './DecisionsShow';
import { NextCampaignList } from './NextCampaignList';

// Everyone reads decisions; training a model and drafting a campaign are for ADMIN and MANAGER (the API refuses the rest).
export const decisions: ResourceModule = {
  list: DecisionsList,
  show: DecisionsShow,
  icon: InsightsIcon,
  options: { label: 'Decisions' },
  roles: ALL_ROLES,
};

export const nextCampaign: ResourceModule = {
  list: NextCampaignList,
  icon: NextPlanIcon,
  options: { label: 'Next campaign' },
  roles: ALL_ROLES,
};
