import type { CreateAgreementRequest, CreateExportRequest, OverlapRequest } from '@crosslane/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  EXPORT_KINDS,
  EXPORT_PURPOSES,
  EXPORTABLE_FIELD_NAMES,
  PRIVACY_MODES,
  type ExportableField,
  type ExportKind,
  type ExportPurpose,
  type PrivacyMode,
} from '@crosslane/contracts';
import { IsCalendarDate } from '../../../core/http/validation';
import { DEFAULT_EPSILON_BUDGET, DEFAULT_EPSILON_PER_QUERY } from '../active-agreement';

/** The privacy terms of an agreement (docs/privacy.md): the same fields, rules and defaults on create and on change. */
abstract class AgreementPrivacyTermsDto {
  @ApiPropertyOptional({
    enum: PRIVACY_MODES,
    default: 'THRESHOLD',
    description:
      'THRESHOLD: counts of at least minGroupSize with difference checks; NOISE: discrete-Laplace noise within a monthly epsilon budget (docs/privacy.md)',
  })
  @IsOptional()
  @IsIn(PRIVACY_MODES, { message: `privacyMode must be one of ${PRIVACY_MODES.join(', ')}` })
  privacyMode?: PrivacyMode;

  @ApiPropertyOptional({
    default: DEFAULT_EPSILON_BUDGET,
    minimum: 0.01,
    maximum: 100,
    description: 'NOISE mode: epsilon available per calendar month',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'epsilonBudget must be a number' })
  @Min(0.01, { message: 'epsilonBudget must be at least 0.01' })
  @Max(100, { message: 'epsilonBudget must be at most 100' })
  epsilonBudget?: number;

  @ApiPropertyOptional({
    default: DEFAULT_EPSILON_PER_QUERY,
    minimum: 0.001,
    maximum: 10,
    description: 'NOISE mode: epsilon one fresh noisy release costs',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'epsilonPerQuery must be a number' })
  @Min(0.001, { message: 'epsilonPerQuery must be at least 0.001' })
  @Max(10, { message: 'epsilonPerQuery must be at most 10' })
  epsilonPerQuery?: number;
}

export class CreateAgreementDto extends AgreementPrivacyTermsDto implements CreateAgreementRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'partnerId must be a UUID' })
  partnerId!: string;

  @ApiProperty({ enum: EXPORTABLE_FIELD_NAMES, isArray: true })
  @IsArray({ message: 'fieldsAllowed must be a list' })
  @ArrayUnique({ message: 'fieldsAllowed must not repeat a field' })
  @IsIn(EXPORTABLE_FIELD_NAMES, { each: true, message: `fieldsAllowed may hold only ${EXPORTABLE_FIELD_NAMES.join(', ')}` })
  fieldsAllowed!: ExportableField[];

  @ApiProperty({ enum: EXPORT_PURPOSES, isArray: true })
  @IsArray({ message: 'purposesAllowed must be a list' })
  @ArrayUnique({ message: 'purposesAllowed must not repeat a purpose' })
  @IsIn(EXPORT_PURPOSES, { each: true, message: `purposesAllowed may hold only ${EXPORT_PURPOSES.join(', ')}` })
  purposesAllowed!: ExportPurpose[];

  @ApiPropertyOptional({ type: [String], description: 'Segment ids whose members may be listed' })
  @IsOptional()
  @IsArray({ message: 'segmentsAllowed must be a list' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'segmentsAllowed must hold segment ids (UUIDs)' })
  segmentsAllowed?: string[];

  @ApiPropertyOptional({ default: DEFAULT_MIN_GROUP_SIZE, minimum: 10 })
  @IsOptional()
  @IsInt({ message: 'minGroupSize must be a whole number' })
  @Min(10, { message: 'minGroupSize must be at least 10' })
  @Max(1_000_000, { message: 'minGroupSize must be at most 1000000' })
  minGroupSize?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'consentRequired must be true or false' })
  consentRequired?: boolean;

  @ApiProperty({ example: '2026-01-01T00:00:00Z' })
  @IsCalendarDate()
  validFrom!: string;

  @ApiProperty({ example: '2026-12-31T23:59:59Z' })
  @IsCalendarDate()
  validTo!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** A change: every term may be restated; what is left out is carried over from the version it replaces. */
export class UpdateAgreementDto extends AgreementPrivacyTermsDto {
  @ApiPropertyOptional({ enum: EXPORTABLE_FIELD_NAMES, isArray: true })
  @IsOptional()
  @IsArray({ message: 'fieldsAllowed must be a list' })
  @ArrayUnique({ message: 'fieldsAllowed must not repeat a field' })
  @IsIn(EXPORTABLE_FIELD_NAMES, { each: true, message: `fieldsAllowed may hold only ${EXPORTABLE_FIELD_NAMES.join(', ')}` })
  fieldsAllowed?: ExportableField[];

  @ApiPropertyOptional({ enum: EXPORT_PURPOSES, isArray: true })
  @IsOptional()
  @IsArray({ message: 'purposesAllowed must be a list' })
  @ArrayUnique({ message: 'purposesAllowed must not repeat a purpose' })
  @IsIn(EXPORT_PURPOSES, { each: true, message: `purposesAllowed may hold only ${EXPORT_PURPOSES.join(', ')}` })
  purposesAllowed?: ExportPurpose[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'segmentsAllowed must be a list' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'segmentsAllowed must hold segment ids (UUIDs)' })
  segmentsAllowed?: string[];

  @ApiPropertyOptional({ minimum: 10 })
  @IsOptional()
  @IsInt({ message: 'minGroupSize must be a whole number' })
  @Min(10, { message: 'minGroupSize must be at least 10' })
  @Max(1_000_000, { message: 'minGroupSize must be at most 1000000' })
  minGroupSize?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'consentRequired must be true or false' })
  consentRequired?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  validTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RevokeAgreementDto {
  @ApiPropertyOptional({ description: 'Why it was revoked (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

// fields is any list of names here, not ExportableField[]: an unknown field is refused by the export rules, with its audit entry, not by validation.
export class CreateExportDto implements Omit<CreateExportRequest, 'fields'> {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'partnerId must be a UUID' })
  partnerId!: string;

  @ApiProperty({ enum: EXPORT_PURPOSES })
  @IsIn(EXPORT_PURPOSES, { message: `purpose must be one of ${EXPORT_PURPOSES.join(', ')}` })
  purpose!: ExportPurpose;

  @ApiProperty({ enum: EXPORT_KINDS })
  @IsIn(EXPORT_KINDS, { message: `kind must be one of ${EXPORT_KINDS.join(', ')}` })
  kind!: ExportKind;

  @ApiProperty({
    type: [String],
    description: 'Columns, from the catalogue of exportable fields; the agreement decides which are allowed',
    example: ['partner_pseudonym', 'city'],
  })
  @IsArray({ message: 'fields must be a list' })
  @ArrayUnique({ message: 'fields must not repeat a field' })
  @ArrayMaxSize(20)
  @IsString({ each: true, message: 'fields must hold field names' })
  fields!: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'segmentId must be a UUID' })
  segmentId?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Include members without partner-sharing consent (refused where the agreement requires consent)',
  })
  @IsOptional()
  @IsBoolean({ message: 'includeNonConsented must be true or false' })
  includeNonConsented?: boolean;
}

export class OverlapDto implements OverlapRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'A segment; omitted means all members' })
  @IsOptional()
  @IsUUID('all', { message: 'segmentId must be a UUID' })
  segmentId?: string;
}
