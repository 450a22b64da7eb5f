import TravelExploreIcon from '@mui/icons-material/TravelExplore';
import { definePage } from '../types';
import { MemberExplorer } from './MemberExplorer';

/** A page, not a CRUD resource: the list route renders the explorer. */
export const memberExplorer = definePage('Member explorer', TravelExploreIcon, MemberExplorer);
