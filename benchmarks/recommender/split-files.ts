import fs from 'node:fs';
import type { ImplicitAlsModel, InteractionMatrix } from '@crosslane/domain-recommender';

/** Writes user,item,value rows with the original ids: the format als_ref.py reads. */
export function writeSplitFile(file: string, m: InteractionMatrix, userIds: string[], itemIds: string[]): void {
  const lines = ['user,item,value'];
  for (let u = 0; u < m.userCount; u++) {
    for (let t = m.byUser.indptr[u]; t < m.byUser.indptr[u + 1]; t++) {
      lines.push(`${userIds[u]},${itemIds[m.byUser.indices[t]]},${m.byUser.values[t].toFixed(1)}`);
    }
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

export function readSplitFile(file: string): { users: string[]; items: string[]; values: number[] } {
  const users: string[] = [];
  const items: string[] = [];
  const values: number[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let l = 1; l < lines.length; l++) {
    if (lines[l] === '') continue;
    const [user, item, value] = lines[l].split(',');
    users.push(user);
    items.push(item);
    values.push(Number(value));
  }
  return { users, items, values };
}

/** Sum of every factor, in a fixed order: equal sums from two processes mean the same model here. */
export function factorChecksum(model: ImplicitAlsModel): number {
  let sum = 0;
  for (const x of model.userFactors) sum += x;
  for (const x of model.itemFactors) sum += x;
  return sum;
}
