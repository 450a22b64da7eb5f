import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import { defineResource } from '../types';
import { ErasureCreate } from './ErasureCreate';
import { ErasureList } from './ErasureList';

// ADMIN only, as the API: erasure answers for what the platform holds about a person.
export const erasures = defineResource(
  'Erasure requests',
  PersonRemoveIcon,
  { list: ErasureList, create: ErasureCreate },
  { roles: ['ADMIN'] },
);
