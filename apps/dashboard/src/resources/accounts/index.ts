import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { defineResource } from '../types';
import { AccountCreate } from './AccountCreate';
import { AccountEdit } from './AccountEdit';
import { AccountList } from './AccountList';

export const accounts = defineResource(
  'Accounts',
  ManageAccountsIcon,
  { list: AccountList, create: AccountCreate, edit: AccountEdit },
  { recordRepresentation: 'email', roles: ['ADMIN'] },
);
