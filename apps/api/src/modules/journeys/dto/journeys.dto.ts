import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SavedDescription, SavedName } from '../../../core/http';
import type { DateRangeInput, FunnelBreakdownInput, FunnelDefinitionInput } from '@crosslane/contracts';

const FUNNEL_DOC =
  'The funnel, e.g. {"steps":[{"type":"VIEW","category":"suspension"},{"type":"ENROL","category":"suspension"}],"windowDays":14,"order":"strict"} (docs/journeys.md)';
const RANGE_DOC = '{"from":"2026-09-01","to":"2026-10-01"}: members enter in [from, to)';

// The definition, range and breakdown are checked by libs/domain/journeys and the engine, which name the step and field of each problem.
export class RunFunnelDto {
  @ApiProperty({ description: FUNNEL_DOC, type: Object })
  @IsDefined({ message: 'definition is required' })
  definition!: FunnelDefinitionInput;

  @ApiProperty({ description: RANGE_DOC, type: Object })
  @IsDefined({ message: 'range is required' })
  range!: DateRangeInput;

  @ApiPropertyOptional({ description: `A second range to compare with, ${RANGE_DOC}`, type: Object })
  @IsOptional()
  compareRange?: DateRangeInput;

  @ApiPropertyOptional({
    description: '{"by":"segment","segmentIds":[...]} or by campaignArm (campaignId), partner, domain, joinCohort',
    type: Object,
  })
  @IsOptional()
  breakdown?: FunnelBreakdownInput;

  @ApiPropertyOptional({ enum: ['auto', 'live', 'job'] })
  @IsOptional()
  @IsIn(['auto', 'live', 'job'], { message: 'mode must be auto, live or job' })
  mode?: 'auto' | 'live' | 'job';
}

export class SaveFunnelDto {
  @SavedName({ example: 'Car course to partner kit' })
  name!: string;

  @SavedDescription()
  description?: string;

  @ApiProperty({ description: FUNNEL_DOC, type: Object })
  @IsDefined({ message: 'definition is required' })
  definition!: FunnelDefinitionInput;

  @ApiPropertyOptional({ description: '{ breakdown?, range? }: how to show it when opened', type: Object })
  @IsOptional()
  view?: { breakdown?: FunnelBreakdownInput; range?: DateRangeInput };
}

export class UpdateFunnelDto {
  @SavedName({ optional: true })
  name?: string;

  @SavedDescription()
  description?: string;

  @ApiPropertyOptional({ description: FUNNEL_DOC, type: Object })
  @IsOptional()
  definition?: FunnelDefinitionInput;

  @ApiPropertyOptional({ type: Object })
  @IsOptional()
  view?: { breakdown?: FunnelBreakdownInput; range?: DateRangeInput };
}

export class DropOffSegmentDto {
  @ApiProperty({ description: FUNNEL_DOC, type: Object })
  @IsDefined({ message: 'definition is required' })
  definition!: FunnelDefinitionInput;

  @ApiProperty({ description: 'The 0-based index of the step members did not reach (1 = the second step)', example: 1 })
  @IsInt({ message: 'step must be a whole number' })
  @Min(1, { message: 'step must be 1 or more: a drop-off lies between two steps' })
  @Max(9)
  step!: number;

  @SavedName({ example: 'Enrolled in a car course, no kit in 14 days' })
  name!: string;

  @ApiPropertyOptional({ description: 'How far back reaching the earlier step counts, in days (default 90)', example: 90 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;
}

export class RunRetentionDto {
  @ApiProperty({ enum: ['firstInteraction', 'join', 'firstPartnerPurchase'] })
  @IsDefined({ message: 'anchor is required' })
  anchor!: 'firstInteraction' | 'join' | 'firstPartnerPurchase';

  @ApiProperty({ enum: ['week', 'month'] })
  @IsDefined({ message: 'period is required' })
  period!: 'week' | 'month';

  @ApiProperty({ example: 8 })
  @IsDefined({ message: 'periods is required' })
  periods!: number;

  @ApiProperty({ description: `Cohorts that start in ${RANGE_DOC}; activity is counted up to to`, type: Object })
  @IsDefined({ message: 'range is required' })
  range!: DateRangeInput;

  @ApiPropertyOptional({ description: '{"by":"segment","segmentIds":[...]} or {"by":"campaignArm","campaignId":...}', type: Object })
  @IsOptional()
  breakdown?: { by: 'segment' | 'campaignArm'; segmentIds?: string[]; campaignId?: string };

  @ApiPropertyOptional({ enum: ['auto', 'live', 'job'] })
  @IsOptional()
  @IsIn(['auto', 'live', 'job'], { message: 'mode must be auto, live or job' })
  mode?: 'auto' | 'live' | 'job';
}
