import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FileErasureRequest } from '@crosslane/contracts';

export class FileErasureDto implements FileErasureRequest {
  @ApiPropertyOptional({ description: 'One member key to erase (send this or csv)' })
  @IsOptional()
  @IsString({ message: 'memberKey must be text' })
  @MaxLength(200, { message: 'memberKey must be at most 200 characters' })
  memberKey?: string;

  @ApiPropertyOptional({ description: 'A batch: CSV text with a memberKey column, one member per row (send this or memberKey)' })
  @IsOptional()
  @IsString({ message: 'csv must be the text of a CSV file' })
  @MaxLength(1024 * 1024, { message: 'csv must be at most 1 MB (the request body limit); split larger batches' })
  csv?: string;

  @ApiPropertyOptional({ description: 'Name of the batch file, for the record' })
  @IsOptional()
  @IsString({ message: 'fileName must be text' })
  @MaxLength(200, { message: 'fileName must be at most 200 characters' })
  fileName?: string;

  @ApiPropertyOptional({ description: "Why (e.g. the ticket of the member's request)" })
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
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
