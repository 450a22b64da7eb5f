import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { RecommendationsQueryPipe } from './recommendations-query.pipe';

describe('RecommendationsQueryPipe', () => {
  const pipe = new RecommendationsQueryPipe();

  it('reads a valid query', async () => {
    expect(await pipe.transform({ n: '5', domain: 'PARTNER', explain: 'true' })).toEqual({ n: 5, domain: 'PARTNER', explain: true });
    expect(await pipe.transform({})).toEqual({});
  });

  it('refuses what RecommendationsQueryDto refuses, with the same fields', async () => {
    const refusal = await pipe.transform({ n: '0', foo: '1' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BadRequestException);
    expect((refusal as BadRequestException).getResponse()).toMatchObject({
      message: 'Invalid input: foo is not a known field; n must be at least 1',
      fields: [
        { field: 'foo', message: 'foo is not a known field' },
        { field: 'n', message: 'n must be at least 1' },
      ],
    });
    await expect(pipe.transform({ domain: 'EVERYTHING' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({ n: ['1', '2'] })).rejects.toBeInstanceOf(BadRequestException);
  });
});
