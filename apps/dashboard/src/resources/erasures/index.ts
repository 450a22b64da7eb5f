import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import type { ResourceModule } from '../types';
import { ErasureCreate } from './ErasureCreate';
import { ErasureList } from './ErasureList';

// ADMIN only, as the API: erasure answers for what the platform holds about a person.
export const erasures: ResourceModule = {
  list: ErasureList,
  create: ErasureCreate,
  icon: PersonRemoveIcon,
  options: { label: 'Erasure requests' },
  roles: ['ADMIN'],
};
