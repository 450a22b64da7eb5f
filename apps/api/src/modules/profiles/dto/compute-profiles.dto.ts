import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { IsCalendarDate } from '../../../core/http/validation';

export class ComputeProfilesDto {
  @ApiPropertyOptional({ description: 'Compute as of this instant (ISO 8601); default now', example: '2026-06-30T00:00:00Z' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ description: "Knowledge categories that count as car topics; default the demo world's", type: [String] })
  @IsOptional()
  @IsArray({ message: 'carCategories must be a list of category names' })
  @ArrayMaxSize(200)
  @IsString({ each: true, message: 'carCategories must be a list of category names' })
  carCategories?: string[];
}
