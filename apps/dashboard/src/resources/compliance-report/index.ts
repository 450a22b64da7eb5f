import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { ResourceModule } from '../types';
import { ComplianceReportPage } from './ComplianceReportPage';

/** A page, not a CRUD resource: the list route renders the report. ADMIN only, as the API. */
export const complianceReport: ResourceModule = {
  list: ComplianceReportPage,
  icon: FactCheckIcon,
  options: { label: 'Compliance report' },
  roles: ['ADMIN'],
};
