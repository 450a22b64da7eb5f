import type { ImportResultDto, JobRunDto } from '@crosslane/contracts';

/** An import job as GET /api/imports lists it: the job plus what its payload and result say. */
export interface ImportJobRow extends JobRunDto {
  kind: string | null;
  fileName: string | null;
  mode: string | null;
  outcome: 'IMPORTED' | 'REJECTED' | null;
  accepted: number | null;
  rejected: number | null;
}

export type ImportResult = ImportResultDto;
