import type { ActivateModelRequest, BatchRecommendationsRequest, TrainModelRequest, TuneModelRequest } from '@crosslane/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
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
  @ApiPropertyOptional({
    enum: RECOMMENDER_ALGORITHMS,
    description: "'als' (training's default), 'ease', or 'auto' (tuning's default): train both and choose per direction on validation",
  })
  @IsOptional()
  @IsIn(RECOMMENDER_ALGORITHMS, { message: `params.algorithm must be one of ${RECOMMENDER_ALGORITHMS.join(', ')}` })
  algorithm?: RecommenderAlgorithm;

  @ApiPropertyOptional({ minimum: 0.001, maximum: 1000000, default: 100, description: "EASE's L2 penalty λ" })
  @IsOptional()
  @IsNumber({}, { message: 'params.easeLambda must be a number' })
  @Min(0.001, { message: 'params.easeLambda must be at least 0.001' })
  @Max(1000000, { message: 'params.easeLambda must be at most 1000000' })
  easeLambda?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 256, default: 16 })
  @IsOptional()
  @IsInt({ message: 'params.factors must be an integer' })
  @Min(1, { message: 'params.factors must be at least 1' })
  @Max(256, { message: 'params.factors must be at most 256' })
  factors?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 15 })
  @IsOptional()
  @IsInt({ message: 'params.iterations must be an integer' })
  @Min(1, { message: 'params.iterations must be at least 1' })
  @Max(100, { message: 'params.iterations must be at most 100' })
  iterations?: number;

  @ApiPropertyOptional({ minimum: 0, default: 5, description: 'Confidence slope: c = 1 + alpha r' })
  @IsOptional()
  @IsNumber({}, { message: 'params.alpha must be a number' })
  @Min(0, { message: 'params.alpha must be at least 0' })
  @Max(1000, { message: 'params.alpha must be at most 1000' })
  alpha?: number;

  @ApiPropertyOptional({ minimum: 0, default: 1 })
  @IsOptional()
  @IsNumber({}, { message: 'params.regularization must be a number' })
  @Min(0, { message: 'params.regularization must be at least 0' })
  @Max(10000, { message: 'params.regularization must be at most 10000' })
  regularization?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3 })
  @IsOptional()
  @IsInt({ message: 'params.cgSteps must be an integer' })
  @Min(1, { message: 'params.cgSteps must be at least 1' })
  @Max(20, { message: 'params.cgSteps must be at most 20' })
  cgSteps?: number;

  @ApiPropertyOptional({ default: 1, description: 'Same seed, same split, same model' })
  @IsOptional()
  @IsInt({ message: 'params.seed must be an integer' })
  @Min(0, { message: 'params.seed must be at least 0' })
  @Max(2147483647, { message: 'params.seed must be at most 2147483647' })
  seed?: number;

  @ApiPropertyOptional({ enum: INTERACTION_WEIGHTINGS, default: 'binary' })
  @IsOptional()
  @IsIn(INTERACTION_WEIGHTINGS, { message: `params.weighting must be one of ${INTERACTION_WEIGHTINGS.join(', ')}` })
  weighting?: InteractionWeighting;

  @ApiPropertyOptional({ minimum: 0.05, maximum: 0.5, default: 0.2 })
  @IsOptional()
  @IsNumber({}, { message: 'params.holdoutFraction must be a number' })
  @Min(0.05, { message: 'params.holdoutFraction must be at least 0.05' })
  @Max(0.5, { message: 'params.holdoutFraction must be at most 0.5' })
  holdoutFraction?: number;
}

export class TrainModelDto implements TrainModelRequest {
  @ApiPropertyOptional({ example: 'ALS all, weekly' })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  name?: string;

  @ApiProperty({ enum: RECOMMENDER_SCOPES, description: 'Which items the model is trained on' })
  @IsIn(RECOMMENDER_SCOPES, { message: `scope must be one of ${RECOMMENDER_SCOPES.join(', ')}` })
  scope!: RecommenderScope;

  @ApiPropertyOptional({ type: TrainingParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingParamsDto)
  params?: TrainingParamsDto;
}

export class TuneModelDto extends TrainModelDto implements TuneModelRequest {
  @ApiPropertyOptional({
    minimum: 2,
    maximum: 200,
    default: 36,
    description: 'Search budget in trials, ALS and EASE together (seeded search)',
  })
  @IsOptional()
  @IsInt({ message: 'trials must be an integer' })
  @Min(2, { message: 'trials must be at least 2' })
  @Max(200, { message: 'trials must be at most 200' })
  trials?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 86400,
    description: 'Search budget in seconds; the search stops at whichever budget runs out first',
  })
  @IsOptional()
  @IsNumber({}, { message: 'budgetSeconds must be a number' })
  @Min(1, { message: 'budgetSeconds must be at least 1' })
  @Max(86400, { message: 'budgetSeconds must be at most 86400' })
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
  @ApiProperty({ enum: RECOMMENDER_SCOPES })
  @IsIn(RECOMMENDER_SCOPES, { message: `scope must be one of ${RECOMMENDER_SCOPES.join(', ')}` })
  scope!: RecommenderScope;
}

export class RecommenderSettingsInputDto {
  @ApiProperty({ enum: RETRAIN_CADENCES })
  @IsIn(RETRAIN_CADENCES, { message: `retrainEvery must be one of ${RETRAIN_CADENCES.join(', ')}` })
  retrainEvery!: RetrainCadence;

  @ApiPropertyOptional({ enum: RECOMMENDER_SCOPES, default: 'ALL' })
  @IsOptional()
  @IsIn(RECOMMENDER_SCOPES, { message: `scope must be one of ${RECOMMENDER_SCOPES.join(', ')}` })
  scope?: RecommenderScope;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'autoActivate must be true or false' })
  autoActivate?: boolean;
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RecommendationsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'n must be an integer' })
  @Min(1, { message: 'n must be at least 1' })
  @Max(100, { message: 'n must be at most 100' })
  n?: number;

  @ApiPropertyOptional({ enum: RECOMMENDATION_DOMAINS, default: 'ALL' })
  @IsOptional()
  @IsIn(RECOMMENDATION_DOMAINS, { message: `domain must be one of ${RECOMMENDATION_DOMAINS.join(', ')}` })
  domain?: RecommendationDomain;

  @ApiPropertyOptional({ default: false, description: "Add each recommendation's contributing history items (slower)" })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'explain must be true or false' })
  explain?: boolean;
}

export class SimilarQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'n must be an integer' })
  @Min(1, { message: 'n must be at least 1' })
  @Max(100, { message: 'n must be at most 100' })
  n?: number;
}

export class BatchRecommendationsDto implements BatchRecommendationsRequest {
  @ApiProperty({ type: [String], maxItems: 1000 })
  @IsArray({ message: 'memberKeys must be an array of strings' })
  @ArrayMinSize(1, { message: 'memberKeys must hold at least 1 key' })
  @ArrayMaxSize(1000, { message: 'memberKeys may hold at most 1000 keys' })
  @IsString({ each: true, message: 'memberKeys must hold strings only' })
  @MaxLength(200, { each: true, message: 'each memberKey must be at most 200 characters' })
  memberKeys!: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt({ message: 'n must be an integer' })
  @Min(1, { message: 'n must be at least 1' })
  @Max(100, { message: 'n must be at most 100' })
  n?: number;

  @ApiPropertyOptional({ enum: RECOMMENDATION_DOMAINS, default: 'ALL' })
  @IsOptional()
  @IsIn(RECOMMENDATION_DOMAINS, { message: `domain must be one of ${RECOMMENDATION_DOMAINS.join(', ')}` })
  domain?: RecommendationDomain;
}
