import InsightsIcon from '@mui/icons-material/Insights';
import NextPlanIcon from '@mui/icons-material/NextPlan';
import { definePage, defineResource } from '../types';
import { DecisionsList } from './DecisionsList';
import { DecisionsShow } from './DecisionsShow';
import { NextCampaignList } from './NextCampaignList';

// Everyone reads decisions; training a model and drafting a campaign are for ADMIN and MANAGER (the API refuses the rest).
export const decisions = defineResource('Decisions', InsightsIcon, { list: DecisionsList, show: DecisionsShow });

export const nextCampaign = definePage('Next campaign', NextPlanIcon, NextCampaignList);
