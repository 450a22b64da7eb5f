import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { createValidationPipe } from '../../../core/http';
import { SaveFunnelDto, UpdateFunnelDto } from '../../journeys/dto/journeys.dto';
import { CreateSegmentDto, UpdateSegmentDto } from './segment.dto';

const pipe = createValidationPipe();
const refusal = (value: unknown, metatype: new () => object) =>
  pipe.transform(value, { type: 'body', metatype }).then(
    () => null,
    (error: unknown) => ((error as BadRequestException).getResponse() as { fields: { field: string; message: string }[] }).fields,
  );

describe('saved segment and funnel bodies: one rule for a name and a description', () => {
  it('takes a name of 2 to 120 characters and a description of up to 1,000', async () => {
    expect(await refusal({ name: 'ab', description: 'd'.repeat(1000), rule: {} }, CreateSegmentDto)).toBeNull();
    expect(await refusal({ name: 'n'.repeat(120), definition: {} }, SaveFunnelDto)).toBeNull();
  });

  it('refuses a name too short or not text, and a description too long, in both', async () => {
    for (const [dto, required] of [
      [CreateSegmentDto, { rule: {} }],
      [SaveFunnelDto, { definition: {} }],
    ] as const) {
      const fields = await refusal({ name: 'a', description: 'd'.repeat(1001), ...required }, dto);
      expect(fields).toEqual([
        { field: 'name', message: 'name must be at least 2 characters' },
        { field: 'description', message: 'description must be shorter than or equal to 1000 characters' },
      ]);
      expect(await refusal({ name: 42, ...required }, dto)).toEqual(
        expect.arrayContaining([{ field: 'name', message: 'name must be text' }]),
      );
    }
  });

  it('lets an edit leave the name out, but not send a bad one', async () => {
    for (const dto of [UpdateSegmentDto, UpdateFunnelDto]) {
      expect(await refusal({}, dto)).toBeNull();
      expect(await refusal({ name: 'x' }, dto)).toEqual([{ field: 'name', message: 'name must be at least 2 characters' }]);
    }
  });
});
