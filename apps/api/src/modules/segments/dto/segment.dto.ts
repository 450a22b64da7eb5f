import type { ClusterSuggestRequest, SegmentWriteRequest } from '@crosslane/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SavedDescription, SavedName } from '../../../core/http';
import { IsCalendarDate } from '../../../core/http/validation';

const RULE_DOC =
  'The rule tree, e.g. {"and":[{"rfm":{"r":[4,5]}},{"behaviour":{"types":["ENROL"],"carCategories":true,"days":90,"atLeast":2}}]} (docs/segments.md)';

export class CreateSegmentDto implements SegmentWriteRequest {
  @SavedName({ example: 'Recent car learners' })
  name!: string;

  @SavedDescription()
  description?: string;

  @ApiProperty({ description: RULE_DOC, type: Object })
  @IsDefined({ message: 'rule is required' })
  rule!: unknown;
}

export class UpdateSegmentDto {
  @SavedName({ optional: true })
  name?: string;

  @SavedDescription()
  description?: string;

  @ApiPropertyOptional({ description: RULE_DOC, type: Object })
  @IsOptional()
  rule?: unknown;
}

export class PreviewSegmentDto {
  @ApiProperty({ description: RULE_DOC, type: Object })
  @IsDefined({ message: 'rule is required' })
  rule!: unknown;

  @ApiPropertyOptional({ description: 'Count behaviour windows back from this instant (default now)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class JointSegmentDto {
  @SavedName({ example: 'Car learners who buy mods' })
  name!: string;

  @ApiPropertyOptional({ default: 180 })
  @IsOptional()
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(3650)
  days?: number;

  @ApiPropertyOptional({ description: 'Limit the partner side to one partner' })
  @IsOptional()
  @IsString()
  partnerId?: string;
}

export class ClusterSuggestDto implements ClusterSuggestRequest {
  @ApiProperty({ enum: ['PROFILE', 'LATENT'] })
  @IsIn(['PROFILE', 'LATENT'], { message: 'features must be PROFILE or LATENT' })
  features!: 'PROFILE' | 'LATENT';

  @ApiPropertyOptional({ default: 800, description: 'Members sampled (silhouette is quadratic in it)' })
  @IsOptional()
  @IsInt({ message: 'sampleSize must be a whole number' })
  @Min(20)
  @Max(3000)
  sampleSize?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt({ message: 'seed must be a whole number' })
  seed?: number;
}

export class BuildClustersDto extends ClusterSuggestDto {
  @ApiProperty({ minimum: 2, maximum: 8 })
  @IsInt({ message: 'k must be a whole number' })
  @Min(2, { message: 'k must be at least 2' })
  @Max(8, { message: 'k must be at most 8' })
  k!: number;

  @ApiProperty({ example: 'Profile clusters' })
  @IsString({ message: 'name must be text' })
  @MinLength(2)
  @MaxLength(80)
  name!: string;
}
