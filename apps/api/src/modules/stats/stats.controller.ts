import { BadRequestException, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { InteractionsPerDayPoint, OverviewDto } from '@crosslane/contracts';
import { ALL_ROLES } from '../../core/auth/auth.decorators';
import { SignedInController } from '../../core/http/route.decorators';
import { StatsService } from './stats.service';

@SignedInController('stats', 'stats', ALL_ROLES)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  @ApiOperation({ summary: 'Counts for the home page' })
  overview(): Promise<OverviewDto> {
    return this.stats.overview();
  }

  @Get('interactions-per-day')
  @ApiQuery({ name: 'days', required: false, description: 'How many days back from the latest interaction (1..730, default 180)' })
  @ApiOperation({ summary: 'Interactions per day by domain (knowledge, partner)' })
  interactionsPerDay(@Query('days') daysRaw?: string): Promise<InteractionsPerDayPoint[]> {
    const days = daysRaw === undefined ? 180 : Number(daysRaw);
    if (!Number.isInteger(days) || days < 1 || days > 730) {
      throw new BadRequestException({
        message: 'days must be an integer from 1 to 730',
        fields: [{ field: 'days', message: 'must be an integer from 1 to 730' }],
      });
    }
    return this.stats.interactionsPerDay(days);
  }
}
