import ContactPageIcon from '@mui/icons-material/ContactPage';
import type { ResourceModule } from '../types';
import { AccessRequestPage } from './AccessRequestPage';

/** A page, not a CRUD resource: the list route renders the form. ADMIN only, as the API. */
export const accessRequests: ResourceModule = {
  list: AccessRequestPage,
  icon: ContactPageIcon,
  options: { label: 'Access requests' },
  roles: ['ADMIN'],
};
