import type { CreatePartnerRequest, UpdatePartnerRequest } from '@crosslane/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const STATUSES = ['PROSPECT', 'ACTIVE', 'ARCHIVED'] as const;

/**
 * A partner's name or industry: text that may not be empty, at most `max`
 * characters; required on create ("is required"), optional on edit ("cannot
 * be empty"). Listed bottom-up, the order stacked decorators apply in, so the
 * messages keep their order.
 */
function PartnerText(field: string, max: number, { optional = false, example }: { optional?: boolean; example?: string }) {
  const checks = [
    MaxLength(max),
    IsNotEmpty({ message: optional ? `${field} cannot be empty` : `${field} is required` }),
    IsString({ message: `${field} must be text` }),
  ];
  return optional ? applyDecorators(...checks, IsOptional(), ApiPropertyOptional()) : applyDecorators(...checks, ApiProperty({ example }));
}

/** Contact fields, optional and validated the same way on create and on edit. */
class PartnerContactFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  contactName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_protocol: true }, { message: 'website must be a URL starting with http:// or https://' })
  @MaxLength(300)
  website?: string | null;
}

export class CreatePartnerDto extends PartnerContactFields implements CreatePartnerRequest {
  @PartnerText('name', 120, { example: 'Apex Tuning Works' })
  name!: string;

  @ApiPropertyOptional({ description: 'URL-safe key; derived from the name when omitted', example: 'apex-tuning-works' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @MaxLength(80)
  slug?: string;

  @PartnerText('industry', 80, { example: 'car-modification' })
  industry!: string;

  @ApiPropertyOptional({ enum: ['PROSPECT', 'ACTIVE'], default: 'PROSPECT' })
  @IsOptional()
  @IsIn(['PROSPECT', 'ACTIVE'], { message: 'status must be PROSPECT or ACTIVE (archive with DELETE)' })
  status?: 'PROSPECT' | 'ACTIVE';
}

export class UpdatePartnerDto extends PartnerContactFields implements UpdatePartnerRequest {
  @PartnerText('name', 120, { optional: true })
  name?: string;

  @PartnerText('industry', 80, { optional: true })
  industry?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: (typeof STATUSES)[number];
}

export class ScorecardEntryDto {
  @ApiProperty({ minimum: 0, maximum: 5 })
  @IsNumber({}, { message: 'score must be a number' })
  @Min(0, { message: 'score must be from 0 to 5' })
  @Max(5, { message: 'score must be from 0 to 5' })
  score!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Relative weight; the total normalises them' })
  @IsNumber({}, { message: 'weight must be a number' })
  @Min(0, { message: 'weight must be from 0 to 100' })
  @Max(100, { message: 'weight must be from 0 to 100' })
  weight!: number;
}

/** One criterion of the scorecard: a required {score, weight}, checked as ScorecardEntryDto, its messages naming the criterion. */
function ScorecardCriterion(criterion: string) {
  return applyDecorators(
    ApiProperty({ type: ScorecardEntryDto }),
    IsDefined({ message: `${criterion} is required ({score, weight})` }),
    IsObject({ message: `${criterion} must be {score, weight}` }),
    ValidateNested(),
    Type(() => ScorecardEntryDto),
  );
}

export class SetScorecardDto {
  @ScorecardCriterion('brandFit')
  brandFit!: ScorecardEntryDto;
  @ScorecardCriterion('marketComplementarity')
  marketComplementarity!: ScorecardEntryDto;
  @ScorecardCriterion('technicalSynergy')
  technicalSynergy!: ScorecardEntryDto;
  @ScorecardCriterion('marketInfluence')
  marketInfluence!: ScorecardEntryDto;
  @ScorecardCriterion('uxConsistency')
  uxConsistency!: ScorecardEntryDto;
}
