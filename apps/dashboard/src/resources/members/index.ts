import PeopleIcon from '@mui/icons-material/People';
import { defineResource } from '../types';
import { MemberList } from './MemberList';
import { MemberShow } from './MemberShow';

export const members = defineResource('Members', PeopleIcon, { list: MemberList, show: MemberShow }, { recordRepresentation: 'memberKey' });
