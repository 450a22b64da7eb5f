import PolicyIcon from '@mui/icons-material/Policy';
import type { ResourceModule } from '../types';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';

export const auditEvents: ResourceModule = {
  list: AuditEventList,
  show: AuditEventShow,
  icon: PolicyIcon,
  options: { label: 'Audit log' },
  roles: ['ADMIN'],
};
