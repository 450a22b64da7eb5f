import type { PartnerExportDto, Role } from '@crosslane/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { isManagerOrAdmin } from '../../common/permissions';

/**
 * Asks for a 10-minute signed link and follows it at once: the file never
 * passes through the page's memory, and the link is useless later. Offered
 * for READY exports only; a refusal (the agreement ended, the file expired)
 * is shown as the API words it, and the record is reloaded to its new status.
 */
export function DownloadExportButton() {
  const record = useRecordContext<PartnerExportDto>();
  const { permissions } = usePermissions<Role>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);
  if (!record || record.status !== 'READY' || !isManagerOrAdmin(permissions)) return null;
  const download = async (event: React.MouseEvent) => {
    event.stopPropagation();
    setPending(true);
    try {
      const { data } = await dataProvider.createExportLink(record.id);
      const anchor = document.createElement('a');
      anchor.href = data.url;
      anchor.download = record.fileName ?? 'export.csv';
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      refresh();
    } finally {
      setPending(false);
    }
  };
  return (
    <Button label="Download" onClick={download} disabled={pending} data-testid="export-download">
      <DownloadIcon />
    </Button>
  );
}
