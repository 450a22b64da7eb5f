import type { ActivateModelRequest, BatchRecommendationsRequest, TrainModelRequest, TuneModelRequest } from '@crosslane/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { OneOf, OptionalNumberBetween } from '../../../core/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  INTERACTION_WEIGHTINGS,
  RECOMMENDER_ALGORITHMS,
  type RecommenderAlgorithm,
  RECOMMENDATION_DOMAINS,
  RECOMMENDER_SCOPES,
  RETRAIN_CADENCES,
  type InteractionWeighting,
  type RecommendationDomain,
  type RecommenderScope,
  type RetrainCadence,
} from '@crosslane/contracts';

export class TrainingParamsDto {
  @OneOf('params.algorithm', RECOMMENDER_ALGORITHMS, {
    optional: true,
    description: "'als' (training's default), 'ease', or 'auto' (tuning's default): train both and choose per direction on validation",
  })
  algorithm?: RecommenderAlgorithm;

  @OptionalNumberBetween('params.easeLambda', 0.001, 1000000, { default: 100, description: "EASE's L2 penalty λ" })
  easeLambda?: number;

  @OptionalNumberBetween('params.factors', 1, 256, { integer: true, default: 16 })
  factors?: number;

  @OptionalNumberBetween('params.iterations', 1, 100, { integer: true, default: 15 })
  iterations?: number;

  @OptionalNumberBetween('params.alpha', 0, 1000, { default: 5, description: 'Confidence slope: c = 1 + alpha r' })
  alpha?: number;

  @OptionalNumberBetween('params.regularization', 0, 10000, { default: 1 })
  regularization?: number;

  @OptionalNumberBetween('params.cgSteps', 1, 20, { integer: true, default: 3 })
  cgSteps?: number;

  @OptionalNumberBetween('params.seed', 0, 2147483647, { integer: true, default: 1, description: 'Same seed, same split, same model' })
  seed?: number;

  @OneOf('params.weighting', INTERACTION_WEIGHTINGS, { optional: true, default: 'binary' })
  weighting?: InteractionWeighting;

  @OptionalNumberBetween('params.holdoutFraction', 0.05, 0.5, { default: 0.2 })
  holdoutFraction?: number;
}

export class TrainModelDto implements TrainModelRequest {
  @ApiPropertyOptional({ example: 'ALS all, weekly' })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  name?: string;

  @OneOf('scope', RECOMMENDER_SCOPES, { description: 'Which items the model is trained on' })
  scope!: RecommenderScope;

  @ApiPropertyOptional({ type: TrainingParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingParamsDto)
  params?: TrainingParamsDto;
}

export class TuneModelDto extends TrainModelDto implements TuneModelRequest {
  @OptionalNumberBetween('trials', 2, 200, {
    integer: true,
    default: 36,
    description: 'Search budget in trials, ALS and EASE together (seeded search)',
  })
  trials?: number;

  @OptionalNumberBetween('budgetSeconds', 1, 86400, {
    description: 'Search budget in seconds; the search stops at whichever budget runs out first',
  })
  budgetSeconds?: number;
}

export class ActivateModelDto implements ActivateModelRequest {
  @ApiPropertyOptional({ description: 'Required, with a reason, for a version that does not beat popularity on NDCG@10' })
  @IsOptional()
  @IsBoolean({ message: 'override must be true or false' })
  override?: boolean;

  @ApiPropertyOptional({ description: 'Why a version that loses to popularity is activated (audited)' })
  @IsOptional()
  @IsString({ message: 'reason must be a string' })
  @MinLength(5, { message: 'reason must be at least 5 characters' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}

export class RollbackDto extends ActivateModelDto {
  @OneOf('scope', RECOMMENDER_SCOPES)
  scope!: RecommenderScope;
}

export class RecommenderSettingsInputDto {
  @OneOf('retrainEvery', RETRAIN_CADENCES)
  retrainEvery!: RetrainCadence;

  @OneOf('scope', RECOMMENDER_SCOPES, { optional: true, default: 'ALL' })
  scope?: RecommenderScope;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'autoActivate must be true or false' })
  autoActivate?: boolean;
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SimilarQueryDto {
  @Transform(toInt)
  @OptionalNumberBetween('n', 1, 100, { integer: true, default: 10 })
  n?: number;
}

export class RecommendationsQueryDto extends SimilarQueryDto {
  @OneOf('domain', RECOMMENDATION_DOMAINS, { optional: true, default: 'ALL' })
  domain?: RecommendationDomain;

  @ApiPropertyOptional({ default: false, description: "Add each recommendation's contributing history items (slower)" })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'explain must be true or false' })
  explain?: boolean;
}

export class BatchRecommendationsDto implements BatchRecommendationsRequest {
  @ApiProperty({ type: [String], maxItems: 1000 })
  @IsArray({ message: 'memberKeys must be an array of strings' })
  @ArrayMinSize(1, { message: 'memberKeys must hold at least 1 key' })
  @ArrayMaxSize(1000, { message: 'memberKeys may hold at most 1000 keys' })
  @IsString({ each: true, message: 'memberKeys must hold strings only' })
  @MaxLength(200, { each: true, message: 'each memberKey must be at most 200 characters' })
  memberKeys!: string[];

  @OptionalNumberBetween('n', 1, 100, { integer: true, default: 10 })
  n?: number;

  @OneOf('domain', RECOMMENDATION_DOMAINS, { optional: true, default: 'ALL' })
  domain?: RecommendationDomain;
}
