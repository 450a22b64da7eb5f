import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { createValidationPipe } from '../../../core/http';
import { CreateCampaignDto, UpdateCampaignDto } from './campaign.dto';

const pipe = createValidationPipe();
const refusal = (value: unknown, metatype: typeof CreateCampaignDto | typeof UpdateCampaignDto) =>
  pipe.transform(value, { type: 'body', metatype }).then(
    () => null,
    (error: unknown) => ((error as BadRequestException).getResponse() as { fields: { field: string; message: string }[] }).fields,
  );

describe('campaign edit body', () => {
  it('takes any subset of a new campaign, even nothing', async () => {
    expect(await refusal({}, UpdateCampaignDto)).toBeNull();
    expect(await refusal({ name: 'Renamed', minimumEffect: 0, targetSegmentId: null }, UpdateCampaignDto)).toBeNull();
  });

  it('checks each field it is given as a new campaign would', async () => {
    expect(
      await refusal({ name: '', minimumEffect: -0.1, variants: [{ key: 'control', name: 'Control', weight: 1 }] }, UpdateCampaignDto),
    ).toEqual([
      { field: 'name', message: 'name must not be empty' },
      { field: 'minimumEffect', message: 'minimumEffect must be >= 0' },
      { field: 'variants', message: 'variants must hold a control and at least one treatment' },
    ]);
    expect(
      await refusal(
        {
          variants: [
            { key: 'bad key!', name: 'A', weight: 0.5 },
            { key: 'b', name: 'B', weight: 0.5 },
          ],
        },
        UpdateCampaignDto,
      ),
    ).toEqual([{ field: 'variants.0.key', message: 'key must be 1-40 letters, digits, - or _' }]);
    expect(await refusal({ primaryMetric: 'CLICKS' }, UpdateCampaignDto)).toEqual([
      { field: 'primaryMetric', message: expect.stringMatching(/^primaryMetric must be one of /) },
    ]);
  });

  it('still requires what a new campaign requires', async () => {
    const fields = await refusal({}, CreateCampaignDto);
    expect(fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['name', 'objective', 'primaryMetric', 'variants']));
  });
});
