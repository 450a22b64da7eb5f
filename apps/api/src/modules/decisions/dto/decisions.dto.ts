import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { UPLIFT_LEARNERS, type UpliftLearner } from '@crosslane/domain-decisions';
import { OFFER_TYPES, type OfferType } from '@crosslane/contracts';

/**
 * Costs as typed; signs are checked by costProblems in libs/domain/decisions
 * (the one home of the rule), so a negative figure comes back as a 400 naming its field.
 */
export class CampaignEconomicsDto {
  @ApiProperty({ example: 2000 }) @IsNumber() fixedCost!: number;
  @ApiProperty({ example: 0.1 }) @IsNumber() costPerTreated!: number;
  @ApiProperty({ example: 2 }) @IsNumber() costPerConversion!: number;
  @ApiProperty({ example: 0.25, description: 'Share of the total cost the partner bears, in [0, 1)' })
  @IsNumber()
  partnerCostShare!: number;
  @ApiProperty({ example: 50 }) @IsNumber() valuePerConversion!: number;
  @ApiPropertyOptional({ example: 'spend', description: 'Value outcomes by this named metric instead (imported tests)' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  revenueMetric?: string | null;
}

export class TrainUpliftModelDto {
  @ApiProperty() @IsUUID() campaignId!: string;
  @ApiProperty({ enum: UPLIFT_LEARNERS }) @IsIn(UPLIFT_LEARNERS as unknown as string[]) learner!: UpliftLearner;
}

export class NextCampaignDraftDto {
  @ApiProperty() @IsUUID() segmentId!: string;
  @ApiProperty() @IsUUID() partnerId!: string;
  @ApiPropertyOptional({ enum: OFFER_TYPES }) @IsOptional() @IsIn(OFFER_TYPES as unknown as string[]) offerType?: OfferType;
}
