import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BatchRecommendationsDto as BatchResult, MemberHistoryDto, RecommendationsDto, SimilarItemsDto } from '@crosslane/contracts';
import { ALL_ROLES, Roles } from '../../core/auth/auth.decorators';
import { BatchRecommendationsDto, RecommendationsQueryDto, SimilarQueryDto } from './dto/recommender.dto';
import { RecommendationServingService } from './recommendation-serving.service';

@ApiTags('recommender')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('recommender')
export class RecommendationsController {
  constructor(private readonly serving: RecommendationServingService) {}

  @Get('members/:memberKey/recommendations')
  @ApiOperation({ summary: 'Top-N for a member in a domain (KNOWLEDGE, PARTNER or ALL), excluding what they have; non-personal without consent; explain=true adds the contributing history items' })
  forMember(@Param('memberKey') memberKey: string, @Query() query: RecommendationsQueryDto): Promise<RecommendationsDto> {
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
