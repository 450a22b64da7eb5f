import { applyDecorators } from '@nestjs/common';
import { IMPORT_MODES, type ImportMode } from '@crosslane/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ANALYSIS_METHODS,
  OFFER_TYPES,
  PRIMARY_METRICS,
  type AnalysisMethod,
  type OfferType,
  type PrimaryMetric,
} from '@crosslane/contracts';
import { IsCalendarDate } from '../../../core/http/validation';

/** A required text field that may not be empty, at most `max` characters: names and member keys across the campaign requests. */
function NonEmptyText(field: string, max: number, example: string) {
  // Listed bottom-up, the order stacked decorators apply in, so a value breaking several checks gets its messages in the usual order.
  return applyDecorators(MaxLength(max), MinLength(1, { message: `${field} must not be empty` }), IsString(), ApiProperty({ example }));
}

export class CampaignVariantInputDto {
  @ApiProperty({ example: 'control', description: 'Stable key: letters, digits, - and _' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'key must be 1-40 letters, digits, - or _' })
  key!: string;

  @NonEmptyText('name', 120, 'No offer')
  name!: string;

  @ApiPropertyOptional({ default: false, description: 'The control or holdout arm; exactly one per campaign' })
  @IsOptional()
  @IsBoolean({ message: 'isControl must be true or false' })
  isControl?: boolean;

  @ApiProperty({ example: 0.5, description: 'Share of traffic; the weights of a campaign sum to 1' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'weight must be a number' })
  weight!: number;

  @ApiPropertyOptional({ enum: OFFER_TYPES, default: 'NONE' })
  @IsOptional()
  @IsIn(OFFER_TYPES, { message: `offerType must be one of ${OFFER_TYPES.join(', ')}` })
  offerType?: OfferType;

  @ApiPropertyOptional({ description: 'Catalogue item offered (co-branded course, mod kit)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'offerItemId must be an item id (digits)' })
  offerItemId?: string | null;

  @ApiPropertyOptional({ description: 'Recommender model version for RECOMMENDATIONS offers' })
  @IsOptional()
  @IsUUID('all', { message: 'modelId must be a UUID' })
  modelId?: string | null;
}

export class CreateCampaignDto {
  @NonEmptyText('name', 200, 'Track Day Starter Kit x Suspension Tuning course')
  name!: string;

  @ApiProperty({ example: 'Convert car-interested learners with a co-branded course' })
  @IsString()
  @MaxLength(2000)
  objective!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'targetSegmentId must be a UUID' })
  targetSegmentId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'partnerIds must be an array' })
  @IsUUID('all', { each: true, message: 'partnerIds must hold partner UUIDs' })
  partnerIds?: string[];

  @ApiProperty({ enum: PRIMARY_METRICS })
  @IsIn(PRIMARY_METRICS, { message: `primaryMetric must be one of ${PRIMARY_METRICS.join(', ')}` })
  primaryMetric!: PrimaryMetric;

  @ApiPropertyOptional({ enum: PRIMARY_METRICS, isArray: true })
  @IsOptional()
  @IsArray({ message: 'guardrailMetrics must be an array' })
  @IsIn(PRIMARY_METRICS, { each: true, message: `guardrailMetrics must hold ${PRIMARY_METRICS.join(', ')}` })
  guardrailMetrics?: PrimaryMetric[];

  @ApiPropertyOptional({ example: '2025-06-01T00:00:00Z' })
  @IsOptional()
  @IsCalendarDate()
  startAt?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  endAt?: string | null;

  @ApiPropertyOptional({ example: 0.01, description: 'Smallest absolute effect worth detecting (e.g. 0.01 = +1 pp conversion)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minimumEffect must be a number' })
  @Min(0, { message: 'minimumEffect must be >= 0' })
  minimumEffect?: number | null;

  @ApiPropertyOptional({
    description:
      'Named metric plan (DRAFT only, frozen at launch): [{name, kind: binary|mean|ratio, direction: increase|decrease, role: primary|secondary|guardrail, hypothesis?: two-sided|one-sided, eventType, measure?: count|sum, denominatorEventType?, denominatorMeasure?}]; null keeps the built-in metrics',
    type: 'array',
    items: { type: 'object' },
    nullable: true,
  })
  @IsOptional()
  @IsArray({ message: 'metrics must be an array of metric definitions' })
  metrics?: Record<string, unknown>[] | null;

  @ApiProperty({ type: [CampaignVariantInputDto] })
  @IsArray({ message: 'variants must be an array' })
  @ArrayMinSize(2, { message: 'variants must hold a control and at least one treatment' })
  @ArrayMaxSize(10, { message: 'variants may hold at most 10 arms' })
  @ValidateNested({ each: true })
  @Type(() => CampaignVariantInputDto)
  variants!: CampaignVariantInputDto[];
}

/** Every field of a new campaign, each optional, with the same checks: what a DRAFT's edit may change. */
export class UpdateCampaignDto extends PartialType(CreateCampaignDto) {}

export class TransitionDto {
  @ApiPropertyOptional({ description: 'Why: kept in the audit log' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class LaunchDto {
  @ApiPropertyOptional({
    description:
      "Launch despite the planner's refusals (arm below a partner's minimum group size, underpowered arm); audited as an override",
  })
  @IsOptional()
  @IsString()
  @MinLength(5, { message: 'overrideReason must say why, in at least 5 characters' })
  @MaxLength(1000)
  overrideReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class AssignDto {
  @NonEmptyText('memberKey', 200, 'm_0123456789ab')
  memberKey!: string;

  @ApiPropertyOptional({ description: 'Also log the exposure (set once per member)' })
  @IsOptional()
  @IsBoolean({ message: 'expose must be true or false' })
  expose?: boolean;
}

export class AnalyseDto {
  @ApiPropertyOptional({
    enum: ANALYSIS_METHODS,
    default: 'FIXED_HORIZON',
    description: 'SEQUENTIAL adds always-valid (mSPRT) p-values for analysts who look early',
  })
  @IsOptional()
  @IsIn(ANALYSIS_METHODS, { message: `method must be one of ${ANALYSIS_METHODS.join(', ')}` })
  method?: AnalysisMethod;
}

export class ImportEventsQueryDto {
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'all-or-nothing',
    description: 'keep-good-rows: store the good rows and report the bad ones',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES, { message: `mode must be one of ${IMPORT_MODES.join(', ')}` })
  mode?: ImportMode;

  /** Kept because the API documented it before mode: partial=true is mode=keep-good-rows. */
  @ApiPropertyOptional({ deprecated: true, description: 'Old spelling of mode=keep-good-rows (true) or all-or-nothing (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'partial must be true or false' })
  partial?: 'true' | 'false';
}

/** The one internal name of the import mode, whichever spelling the request used. */
export function importModeOf(query: ImportEventsQueryDto): ImportMode {
  return query.mode ?? (query.partial === 'true' ? 'keep-good-rows' : 'all-or-nothing');
}

export class FinishedTestPreviewBodyDto {
  @ApiProperty({ description: 'The uploadId answered by POST /api/campaigns/import/uploads' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'uploadId must be a number' })
  uploadId!: number;

  @ApiProperty({
    description: 'Which column is which: see FinishedTestMappingDto and docs/campaigns.md',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({ message: 'mapping must be an object' })
  mapping!: Record<string, unknown>;
}

export class ImportFinishedTestDto extends FinishedTestPreviewBodyDto {
  @NonEmptyText('name', 200, 'Checkout redesign (Q3)')
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  objective?: string;

  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'all-or-nothing' })
  @IsOptional()
  @IsIn(IMPORT_MODES, { message: `mode must be one of ${IMPORT_MODES.join(', ')}` })
  mode?: ImportMode;
}
