import RateReviewIcon from '@mui/icons-material/RateReview';
import { ALL_ROLES, type ResourceModule } from '../types';
import { VoiceOfCustomer } from './VoiceOfCustomer';

/** A page, not a CRUD resource: the list route renders the screen. Every role reads it (the API serves it read-only). */
export const voice: ResourceModule = {
  list: VoiceOfCustomer,
  icon: RateReviewIcon,
  options: { label: 'Voice of the customer' },
  roles: ALL_ROLES,
};
