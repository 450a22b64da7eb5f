import PolicyIcon from '@mui/icons-material/Policy';
import { defineResource } from '../types';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';

export const auditEvents = defineResource('Audit log', PolicyIcon, { list: AuditEventList, show: AuditEventShow }, { roles: ['ADMIN'] });
