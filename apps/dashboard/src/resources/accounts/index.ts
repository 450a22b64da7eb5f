import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import type { ResourceModule } from '../types';
import { AccountCreate } from './AccountCreate';
import { AccountEdit } from './AccountEdit';
import { AccountList } from './AccountList';

export const accounts: ResourceModule = {
  list: AccountList,
  create: AccountCreate,
  edit: AccountEdit,
  icon: ManageAccountsIcon,
  options: { label: 'Accounts' },
  recordRepresentation: 'email',
  roles: ['ADMIN'],
};
