import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../core/http/validation';

/** Which categories count as car topics is not a request option: it is the interest taxonomy (GET /api/interest-topics). */
export class ComputeProfilesDto {
  @ApiPropertyOptional({ description: 'Compute as of this instant (ISO 8601); default now', example: '2026-06-30T00:00:00Z' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
