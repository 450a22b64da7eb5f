import { Inject, Injectable } from '@nestjs/common';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FinishedTestPreviewDto } from '@crosslane/contracts';
import { NO_DATA_ROWS } from '@crosslane/domain-ingest';
import {
  countByReason,
  FinishedTestCollector,
  FinishedTestRowParser,
  validateFinishedTestMapping,
  type FinishedTestMapping,
  type MappingProblem,
  type ParsedUnit,
  type UnitRejection,
} from '@crosslane/domain-experiments';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { readUnitFile, UnitFileRefusal } from './unit-file';

/** The mapping does not fit the file (a column it names is missing) or is malformed: a whole-file refusal. */
export class MappingRefusal extends Error {
  constructor(readonly problems: MappingProblem[]) {
    super(`the mapping does not fit the file: ${problems.map((p) => p.message).join('; ')}`);
  }
}

export interface CollectedFile {
  header: string[];
  firstRows: Record<string, string>[];
  units: (ParsedUnit & { rowNumber: number })[];
  rejections: UnitRejection[];
  identicalDuplicates: number;
  rowsRead: number;
}

/** The Hillstrom CSV: `datasets/hillstrom` in the repository unless CROSSLANE_DATASETS_DIR names another folder (app-config holds that default). */
export function hillstromDatasetPath(config: Pick<AppConfig, 'datasetsDir'>): string {
  return path.join(config.datasetsDir, 'hillstrom', 'hillstrom_email_2008.csv');
}

/**
 * Reads a finished test's file through a mapping: the header is checked
 * against the mapping first, then every row is parsed and duplicates
 * settled (libs/domain/experiments finished-test-mapping.ts). Used by the
 * preview endpoint (counts only) and the import job (counts, then writes).
 */
@Injectable()
export class FinishedTestImportService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hillstromFile(): string {
    return hillstromDatasetPath(this.config);
  }

  /** Header and first rows only, to choose a mapping. */
  async head(input: Readable, rows = 10): Promise<{ header: string[]; firstRows: Record<string, string>[] }> {
    const firstRows: Record<string, string>[] = [];
    let header: string[] = [];
    for await (const item of readUnitFile(input)) {
      if ('header' in item) header = item.header;
      else firstRows.push(item.record);
      if (firstRows.length >= rows) break;
    }
    input.destroy();
    return { header, firstRows };
  }

  /** Every row through the mapping. Throws MappingRefusal or UnitFileRefusal for whole-file problems. */
  async collect(input: Readable, mapping: FinishedTestMapping, onRows?: (rows: number) => Promise<void>): Promise<CollectedFile> {
    const problems = validateFinishedTestMapping(mapping);
    if (problems.length > 0) throw new MappingRefusal(problems);
    const collector = new FinishedTestCollector(new FinishedTestRowParser(mapping));
    let header: string[] = [];
    const firstRows: Record<string, string>[] = [];
    for await (const item of readUnitFile(input)) {
      if ('header' in item) {
        header = item.header;
        const misfit = validateFinishedTestMapping(mapping, header);
        if (misfit.length > 0) throw new MappingRefusal(misfit);
        continue;
      }
      if (firstRows.length < 10) firstRows.push(item.record);
      collector.add(item.record, item.line);
      if (onRows && collector.rowsRead % 20_000 === 0) await onRows(collector.rowsRead);
    }
    if (collector.rowsRead === 0) throw new UnitFileRefusal(NO_DATA_ROWS.reason);
    return { header, firstRows, ...collector.finish() };
  }

  preview(collected: CollectedFile, mapping: FinishedTestMapping): FinishedTestPreviewDto {
    const unitsPerArm: Record<string, number> = Object.fromEntries(mapping.arms.map((a) => [a.key, 0]));
    for (const u of collected.units) unitsPerArm[u.variantKey] += 1;
    return {
      header: collected.header,
      firstRows: collected.firstRows,
      rowsRead: collected.rowsRead,
      units: collected.units.length,
      unitsPerArm,
      rejectionsByReason: countByReason(collected.rejections),
      identicalDuplicates: collected.identicalDuplicates,
      firstRejections: collected.rejections
        .slice(0, 20)
        .map((r) => ({ rowNumber: r.rowNumber, field: r.field, reason: r.reason, message: r.message })),
    };
  }
}
