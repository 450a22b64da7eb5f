import { Injectable, PipeTransform } from '@nestjs/common';
import { RECOMMENDATION_DOMAINS, type RecommendationDomain } from '@crosslane/contracts';
import { createValidationPipe } from '../../../core/http/validation';
import { RecommendationsQueryDto } from './recommender.dto';

export type RecommendationsQuery = Pick<RecommendationsQueryDto, 'n' | 'domain' | 'explain'>;

const DOMAINS: ReadonlySet<string> = new Set(RECOMMENDATION_DOMAINS);

/**
 * The query of GET .../recommendations, the hottest route: a plainly valid
 * query (the usual case) is read directly, because class-transformer and
 * class-validator cost as much CPU per request as scoring the whole
 * catalogue. Anything else goes through the same ValidationPipe and
 * RecommendationsQueryDto as every other route, so a refusal and its
 * messages are exactly the usual ones. The parameter must be declared with a
 * non-class type, or the global ValidationPipe would validate it first.
 */
@Injectable()
export class RecommendationsQueryPipe implements PipeTransform<unknown, Promise<RecommendationsQuery>> {
  private readonly validation = createValidationPipe();

  async transform(value: unknown): Promise<RecommendationsQuery> {
    return (
      readPlainlyValid(value) ??
      ((await this.validation.transform(value, {
        type: 'query',
        metatype: RecommendationsQueryDto,
        data: undefined,
      })) as RecommendationsQueryDto)
    );
  }
}

/** The query when every field is known and valid (what RecommendationsQueryDto accepts), else null. */
function readPlainlyValid(value: unknown): RecommendationsQuery | null {
  if (typeof value !== 'object' || value === null) return null;
  const query: RecommendationsQuery = {};
  for (const [key, raw] of Object.entries(value)) {
    if (typeof raw !== 'string') return null;
    if (key === 'n') {
      if (!/^-?\d+$/.test(raw)) return null;
      const n = Number(raw);
      if (n < 1 || n > 100) return null;
      query.n = n;
    } else if (key === 'domain') {
      if (!DOMAINS.has(raw)) return null;
      query.domain = raw as RecommendationDomain;
    } else if (key === 'explain') {
      if (raw !== 'true' && raw !== 'false') return null;
      query.explain = raw === 'true';
    } else {
      return null;
    }
  }
  return query;
}
