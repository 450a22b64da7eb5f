import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import {
  RECOMMENDATION_DOMAINS,
  type BatchRecommendationsDto as BatchResult,
  type MemberHistoryDto,
  type RecommendationsDto,
  type SimilarItemsDto,
} from '@crosslane/contracts';
import { ALL_ROLES } from '../../core/auth/auth.decorators';
import { SignedInController } from '../../core/http/route.decorators';
import { RecommendationsQueryPipe, type RecommendationsQuery } from './dto/recommendations-query.pipe';
import { BatchRecommendationsDto, SimilarQueryDto } from './dto/recommender.dto';
import { RecommendationServingService } from './recommendation-serving.service';

@SignedInController('recommender', 'recommender', ALL_ROLES)
export class RecommendationsController {
  constructor(private readonly serving: RecommendationServingService) {}

  @Get('members/:memberKey/recommendations')
  @ApiOperation({
    summary:
      'Top-N for a member in a domain (KNOWLEDGE, PARTNER or ALL), excluding what they have; non-personal without consent; explain=true adds the contributing history items',
  })
  // Spelled out because the parameter is not a class (see RecommendationsQueryPipe); listed bottom-up, so n, domain, explain.
  @ApiQuery({
    name: 'explain',
    required: false,
    description: "Add each recommendation's contributing history items (slower)",
    schema: { default: false, type: 'boolean' },
  })
  @ApiQuery({ name: 'domain', required: false, schema: { default: 'ALL', type: 'string', enum: [...RECOMMENDATION_DOMAINS] } })
  @ApiQuery({ name: 'n', required: false, schema: { minimum: 1, maximum: 100, default: 10, type: 'number' } })
  forMember(
    @Param('memberKey') memberKey: string,
    @Query(RecommendationsQueryPipe) query: RecommendationsQuery,
  ): Promise<RecommendationsDto> {
    return this.serving.forMember(memberKey, { n: query.n ?? 10, domain: query.domain ?? 'ALL', explain: query.explain ?? false });
  }

  @Get('members/:memberKey/history')
  @ApiOperation({ summary: "A member's items with their interaction counts, latest first (for the member explorer)" })
  history(@Param('memberKey') memberKey: string): Promise<MemberHistoryDto> {
    return this.serving.history(memberKey);
  }

  @Get('items/:itemId/similar')
  @ApiOperation({ summary: 'Items nearest in factor space (cosine); popularity in its category for an item the model does not know' })
  similar(@Param('itemId') itemId: string, @Query() query: SimilarQueryDto): Promise<SimilarItemsDto> {
    return this.serving.similar(itemId, query.n ?? 10);
  }

  @Post('recommendations/batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top-N for up to 1,000 members at once; unknown keys are listed, not fatal' })
  batch(@Body() body: BatchRecommendationsDto): Promise<BatchResult> {
    return this.serving.batch(body.memberKeys, { n: body.n ?? 10, domain: body.domain ?? 'ALL', explain: false });
  }
}
