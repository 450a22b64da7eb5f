import type { PartnerExportDto, Role } from '@crosslane/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useNotify, usePermissions, useRecordContext } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';

/**
 * Asks for a 10-minute signed link and follows it at once: the file never
 * passes through the page's memory, and the link is useless later.
 */
export function DownloadExportButton() {
  const record = useRecordContext<PartnerExportDto>();
  const { permissions } = usePermissions<Role>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  if (!record || record.status !== 'READY' || (permissions !== 'ADMIN' && permissions !== 'MANAGER')) return null;
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
