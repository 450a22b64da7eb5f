import LibraryBooksIcon from '@mui/icons-material/LibraryBooks';
import { ALL_ROLES, type ResourceModule } from '../types';
import { ItemList } from './ItemList';
import { ItemShow } from './ItemShow';

export const items: ResourceModule = {
  list: ItemList,
  show: ItemShow,
  icon: LibraryBooksIcon,
  options: { label: 'Catalogue' },
  recordRepresentation: 'title',
  roles: ALL_ROLES,
};
