import RateReviewIcon from '@mui/icons-material/RateReview';
import { definePage } from '../types';
import { VoiceOfCustomer } from './VoiceOfCustomer';

/** A page, not a CRUD resource: the list route renders the screen. Every role reads it (the API serves it read-only). */
export const voice = definePage('Voice of the customer', RateReviewIcon, VoiceOfCustomer);
