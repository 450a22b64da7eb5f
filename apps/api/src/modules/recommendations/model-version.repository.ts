import { Injectable } from '@nestjs/common';
import type { RecommenderScope, TrainingParams } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { AuditService, type AuditEntry } from '../../core/audit/audit.service';
import { PrismaService } from '../../core/database/prisma.service';
import type { RecommenderModel } from './model-mapper';

/** What a new or retried training run writes before it starts. */
export interface VersionStart {
  name: string;
  algorithm: string;
  scope: RecommenderScope;
  params: TrainingParams;
  createdBy: string | null;
  createdAt: Date;
}

/** The served model: the refitted factors and EASE weights with the ids their rows and columns stand for. */
export interface VersionArtifact {
  factors: number;
  memberIds: bigint[];
  itemIds: bigint[];
  userFactors: Uint8Array<ArrayBuffer>;
  itemFactors: Uint8Array<ArrayBuffer>;
  easeWeights: Uint8Array<ArrayBuffer> | null;
}

/** The figures a finished version carries (JSON columns of recommender_model). */
export interface VersionOutcome {
  params: unknown;
  snapshot: unknown;
  metrics: unknown;
  baselineMetrics: unknown;
  timings: unknown;
  lossHistory: number[];
}

/**
 * The recommender_model and model_artifact writes of a training run: the
 * row keyed by the job id (so a retry reuses it), its progress (loss,
 * tuned parameters), and the finished version stored with its artifact
 * and audit event in one transaction.
 */
@Injectable()
export class ModelVersionRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  /** The job's row, reset to TRAINING when a retry finds it; created (with createdAt from the caller's clock) otherwise. */
  async start(jobId: string, start: VersionStart): Promise<RecommenderModel> {
    const existing = await this.prisma.recommenderModel.findFirst({ where: { jobId } });
    const data = {
      name: start.name,
      algorithm: start.algorithm,
      scope: start.scope,
      status: 'TRAINING' as const,
      params: start.params as unknown as Prisma.InputJsonValue,
      lossHistory: [],
      error: null,
      metrics: Prisma.DbNull,
      baselineMetrics: Prisma.DbNull,
    };
    if (existing) return this.prisma.recommenderModel.update({ where: { id: existing.id }, data });
    return this.prisma.recommenderModel.create({
      data: { ...data, jobId, createdBy: start.createdBy, createdAt: start.createdAt },
    });
  }

  async recordLoss(modelId: string, lossHistory: number[]): Promise<void> {
    await this.prisma.recommenderModel.update({ where: { id: modelId }, data: { lossHistory } });
  }

  async recordParams(modelId: string, params: unknown): Promise<void> {
    await this.prisma.recommenderModel.update({ where: { id: modelId }, data: { params: params as Prisma.InputJsonValue } });
  }

  async fail(modelId: string, error: string): Promise<void> {
    await this.prisma.recommenderModel.update({ where: { id: modelId }, data: { status: 'FAILED', error } });
  }

  /** Artifact, READY row and audit event together: a version is either complete and audited or still TRAINING. */
  async storeReady(modelId: string, artifact: VersionArtifact, outcome: VersionOutcome, event: AuditEntry): Promise<void> {
    // Not Prisma's 5 s default: on Online Retail the artifact holds EASE's 3,625 x 3,625 weights (52 MB) besides the factors,
    // and under load writing it took 8 s; the transaction expired and the whole tune ran again (bench:recommender-product).
    await this.prisma.$transaction(async (tx) => {
      await tx.modelArtifact.upsert({ where: { modelId }, create: { modelId, ...artifact }, update: artifact });
      await tx.recommenderModel.update({
        where: { id: modelId },
        data: {
          status: 'READY',
          params: outcome.params as Prisma.InputJsonValue,
          snapshot: outcome.snapshot as Prisma.InputJsonValue,
          metrics: outcome.metrics as Prisma.InputJsonValue,
          baselineMetrics: outcome.baselineMetrics as Prisma.InputJsonValue,
          timings: outcome.timings as Prisma.InputJsonValue,
          lossHistory: outcome.lossHistory,
          error: null,
        },
      });
      await this.audit.record(event, tx);
    }, STORE_TIMEOUT);
  }
}

const STORE_TIMEOUT = { timeout: 10 * 60_000, maxWait: 60_000 };
