import LibraryBooksIcon from '@mui/icons-material/LibraryBooks';
import { defineResource } from '../types';
import { ItemList } from './ItemList';
import { ItemShow } from './ItemShow';

export const items = defineResource('Catalogue', LibraryBooksIcon, { list: ItemList, show: ItemShow }, { recordRepresentation: 'title' });
