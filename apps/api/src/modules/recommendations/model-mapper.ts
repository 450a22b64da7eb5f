import type { ModelEvaluationDto, RecommenderModelDto, RecommenderScope } from '@crosslane/contracts';
import type { Prisma } from '@crosslane/db';

/** A recommender_model row (libs/db exports no alias for it). */
export type RecommenderModel = Prisma.RecommenderModelGetPayload<{ include: { artifact: false } }>;

/** Row-major factors as little-endian Float32 bytes, the storage format of model_artifact. */
export function float32Bytes(values: Float64Array | Float32Array): Uint8Array<ArrayBuffer> {
  const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
  return new Uint8Array(f32.buffer as ArrayBuffer, f32.byteOffset, f32.byteLength);
}

export function float32FromBytes(bytes: Uint8Array): Float32Array {
  // Copy: the driver's buffer may be a slice of a pooled one with an odd offset.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}

export function ndcgOf(evaluation: unknown): number | null {
  const value = (evaluation as ModelEvaluationDto | null)?.overall?.ndcg;
  return typeof value === 'number' ? value : null;
}

/** True when the model beats the popularity baseline on NDCG@10 (the activation gate); null before evaluation. */
export function beatsBaseline(row: Pick<RecommenderModel, 'metrics' | 'baselineMetrics'>): boolean | null {
  const model = ndcgOf(row.metrics);
  const baseline = ndcgOf(row.baselineMetrics);
  if (model === null || baseline === null) return null;
  return model > baseline;
}

export function toModelDto(row: RecommenderModel): RecommenderModelDto {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    algorithm: row.algorithm,
    scope: row.scope as RecommenderScope,
    status: row.status,
    params: row.params as unknown as RecommenderModelDto['params'],
    snapshot: (row.snapshot ?? null) as unknown as RecommenderModelDto['snapshot'],
    metrics: (row.metrics ?? null) as unknown as RecommenderModelDto['metrics'],
    baselineMetrics: (row.baselineMetrics ?? null) as unknown as RecommenderModelDto['baselineMetrics'],
    beatsBaseline: beatsBaseline(row),
    timings: (row.timings ?? null) as unknown as RecommenderModelDto['timings'],
    lossHistory: row.lossHistory,
    jobId: row.jobId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    activatedBy: row.activatedBy,
    overrideReason: row.overrideReason,
    error: row.error,
  };
}

/** JSON without NaN or Infinity (a direction with no evaluated member has no mean). */
export function plainJson<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : typeof v === 'bigint' ? v.toString() : v)),
  ) as T;
}
