import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import { defineResource } from '../types';
import { JobList } from './JobList';
import { JobShow } from './JobShow';

export const jobs = defineResource('Jobs', WorkHistoryIcon, { list: JobList, show: JobShow }, { recordRepresentation: 'name' });
