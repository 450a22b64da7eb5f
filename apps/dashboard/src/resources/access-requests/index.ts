import ContactPageIcon from '@mui/icons-material/ContactPage';
import { definePage } from '../types';
import { AccessRequestPage } from './AccessRequestPage';

/** A page, not a CRUD resource: the list route renders the form. ADMIN only, as the API. */
export const accessRequests = definePage('Access requests', ContactPageIcon, AccessRequestPage, ['ADMIN']);
