import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';

/**
 * The answers to an upload refused before any job runs, the same from every
 * upload endpoint (imports and the campaigns' CSV bodies): too large is 413
 * naming the limit, empty is 400; both name the field `file`.
 */
export function uploadTooLarge(limitMb: number, setting?: string): HttpException {
  return new HttpException(
    {
      message: `The file is larger than the upload limit of ${limitMb} MB${setting ? ` (${setting})` : ''}`,
      fields: [{ field: 'file', message: `must be at most ${limitMb} MB` }],
    },
    HttpStatus.PAYLOAD_TOO_LARGE,
  );
}

export function emptyUpload(fileName: string | null): BadRequestException {
  const message = fileName ? `the file ${fileName} is empty` : 'the file is empty';
  return new BadRequestException({ message, fields: [{ field: 'file', message }] });
}
