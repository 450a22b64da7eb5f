import FactCheckIcon from '@mui/icons-material/FactCheck';
import { definePage } from '../types';
import { ComplianceReportPage } from './ComplianceReportPage';

/** A page, not a CRUD resource: the list route renders the report. ADMIN only, as the API. */
export const complianceReport = definePage('Compliance report', FactCheckIcon, ComplianceReportPage, ['ADMIN']);
