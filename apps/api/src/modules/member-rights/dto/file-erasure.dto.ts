import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FileErasureRequest } from '@crosslane/contracts';

/**
 * Optional text of at most `max` characters, refused with the words every
 * field here uses. Listed bottom-up, the order stacked decorators apply in,
 * so a value that breaks both checks gets its messages in the usual order.
 */
function OptionalText(field: string, max: number, description: string) {
  return applyDecorators(
    MaxLength(max, { message: `${field} must be at most ${max} characters` }),
    IsString({ message: `${field} must be text` }),
    IsOptional(),
    ApiPropertyOptional({ description }),
  );
}

export class FileErasureDto implements FileErasureRequest {
  @OptionalText('memberKey', 200, 'One member key to erase (send this or csv)')
  memberKey?: string;

  @ApiPropertyOptional({ description: 'A batch: CSV text with a memberKey column, one member per row (send this or memberKey)' })
  @IsOptional()
  @IsString({ message: 'csv must be the text of a CSV file' })
  @MaxLength(1024 * 1024, { message: 'csv must be at most 1 MB (the request body limit); split larger batches' })
  csv?: string;

  @OptionalText('fileName', 200, 'Name of the batch file, for the record')
  fileName?: string;

  @OptionalText('reason', 500, "Why (e.g. the ticket of the member's request)")
  reason?: string;
}

export class AccessRequestDto {
  @ApiPropertyOptional({ description: 'The member key whose data package to produce' })
  @IsString({ message: 'memberKey must be text' })
  @MaxLength(200, { message: 'memberKey must be at most 200 characters' })
  memberKey!: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'json: the package as one document; csv: one row per value (section, entry, field, value)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}
