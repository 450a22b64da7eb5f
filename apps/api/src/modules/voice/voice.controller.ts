import { Param, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { parseCalendarDate, type MarketSignalSeriesDto, type PartnerVoiceDto } from '@crosslane/contracts';
import { ALL_ROLES } from '../../core/auth/auth.decorators';
import { fieldError } from '../../core/http/list-query';
import { GetRoute, SignedInController } from '../../core/http/route.decorators';
import { VoiceService } from './voice.service';

/** Reads only: analysts, managers and admins see the voice of the customer; nothing here changes data, so nothing is audited. */
@SignedInController('voice', 'voice')
export class VoiceController {
  constructor(private readonly voice: VoiceService) {}

  @GetRoute(
    'partners/:id',
    ALL_ROLES,
    "One partner's reviews: distribution, mean with interval, monthly trend, by category, items whose rating fell most, themes (log-odds with an informative Dirichlet prior) with examples, and the measured scorecard values",
  )
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (default 365 days before to)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive (default today)' })
  partner(@Param('id') id: string, @Query('from') from?: string, @Query('to') to?: string): Promise<PartnerVoiceDto> {
    return this.voice.partnerVoice(id, this.voice.window(date(from, 'from'), date(to, 'to')));
  }

  @GetRoute(
    'market-signals',
    ALL_ROLES,
    "Each market-signal category's index by month beside the platform's interest (% of knowledge interactions) in the matching topics",
  )
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  marketSignals(@Query('from') from?: string, @Query('to') to?: string): Promise<MarketSignalSeriesDto[]> {
    return this.voice.marketSignals(this.voice.window(date(from, 'from'), date(to, 'to')));
  }
}

function date(raw: string | undefined, field: string): Date | null {
  if (raw === undefined || raw === '') return null;
  const parsed = parseCalendarDate(raw);
  if (!parsed) throw fieldError(field, `${field} must be a date YYYY-MM-DD`);
  return parsed;
}
