import type { FileErasureRequest } from '@crosslane/contracts';

export interface ErasureFormValues {
  memberKey?: string;
  reason?: string;
  /** react-admin's FileInput value. */
  batch?: { rawFile?: File } | null;
}

/**
 * The request body: a CSV batch when a file is chosen (its text and name, the
 * API validates every row), else the one key. The reason goes with either.
 * toErasureBody({ memberKey: ' m_1 ' }) -> { memberKey: 'm_1' }
 */
export async function toErasureBody(values: ErasureFormValues): Promise<FileErasureRequest> {
  const reason = values.reason?.trim() ? { reason: values.reason.trim() } : {};
  const file = values.batch?.rawFile;
  if (file) return { csv: await file.text(), fileName: file.name, ...reason };
  return { memberKey: (values.memberKey ?? '').trim(), ...reason };
}

/** Form-level check: one key or one file, not neither. */
export function validateErasure(values: ErasureFormValues): Record<string, string> {
  if (values.batch?.rawFile || values.memberKey?.trim()) return {};
  return { memberKey: 'Enter a member key or choose a CSV file' };
}
