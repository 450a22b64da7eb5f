import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { createValidationPipe } from '../../../core/http';
import { RecommenderSettingsInputDto, TrainModelDto, TuneModelDto } from './recommender.dto';

const pipe = createValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const refusal = (value: unknown, metatype: ArgumentMetadata['metatype']) =>
  pipe.transform(value, body(metatype)).then(
    () => null,
    (error: unknown) => ((error as BadRequestException).getResponse() as { fields: { field: string; message: string }[] }).fields,
  );

describe('recommender request bodies', () => {
  it('takes training parameters at their bounds', async () => {
    const edges = {
      factors: 256,
      iterations: 1,
      alpha: 0,
      holdoutFraction: 0.5,
      easeLambda: 0.001,
      algorithm: 'ease',
      weighting: 'binary',
    };
    expect(await refusal({ scope: 'ALL', params: edges }, TrainModelDto)).toBeNull();
    expect(await refusal({ scope: 'ALL', trials: 2, budgetSeconds: 86400 }, TuneModelDto)).toBeNull();
  });

  it('names the parameter, its parent and the bound it broke', async () => {
    expect(await refusal({ scope: 'ALL', params: { factors: 257, alpha: -1, iterations: 2.5, algorithm: 'svd' } }, TrainModelDto)).toEqual([
      { field: 'params.algorithm', message: 'params.algorithm must be one of als, ease, auto' },
      { field: 'params.factors', message: 'params.factors must be at most 256' },
      { field: 'params.iterations', message: 'params.iterations must be an integer' },
      { field: 'params.alpha', message: 'params.alpha must be at least 0' },
    ]);
    expect(await refusal({ scope: 'ALL', trials: 1 }, TuneModelDto)).toEqual([{ field: 'trials', message: 'trials must be at least 2' }]);
  });

  it('requires a scope and a cadence, and checks an optional choice only when given', async () => {
    expect(await refusal({}, TrainModelDto)).toEqual([{ field: 'scope', message: 'scope must be one of ALL, KNOWLEDGE, PARTNER' }]);
    expect(await refusal({ retrainEvery: 'off' }, RecommenderSettingsInputDto)).toBeNull();
    expect(await refusal({ retrainEvery: 'off', scope: 'SOME' }, RecommenderSettingsInputDto)).toEqual([
      { field: 'scope', message: 'scope must be one of ALL, KNOWLEDGE, PARTNER' },
    ]);
  });
});
