import type { JobRunDto } from '@crosslane/contracts';
import { createHttpClient } from '../../dataProvider';

const API_URL = import.meta.env.VITE_API_URL ?? '/api';
const http = createHttpClient();

export interface UploadFields {
  kind: string;
  mode: string;
  format?: string;
  partnerId?: string;
  file: File;
}

/** The import calls beyond CRUD: the multipart upload, the dataset import and the CSV report. */
export const importApi = {
  upload: async (fields: UploadFields): Promise<JobRunDto> => {
    const form = new FormData();
    // Fields first, then the file: the API reads the stream in order.
    form.append('kind', fields.kind);
    form.append('mode', fields.mode);
    if (fields.format) form.append('format', fields.format);
    if (fields.partnerId) form.append('partnerId', fields.partnerId);
    form.append('file', fields.file, fields.file.name);
    return (await http(`${API_URL}/imports`, { method: 'POST', body: form })).json as JobRunDto;
  },
  importOnlineRetail: async (): Promise<JobRunDto> =>
    (
      await http(`${API_URL}/imports`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'online-retail', source: 'dataset', mode: 'keep-good-rows' }),
      })
    ).json as JobRunDto,
  rejectionsCsv: async (jobId: string): Promise<string> =>
    (await http(`${API_URL}/imports/${encodeURIComponent(jobId)}/rejections.csv`, { headers: { Accept: 'text/csv' } })).body,
};
