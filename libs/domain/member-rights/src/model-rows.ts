/** A model's user factors: row-major Float32 bytes, one row of `factors` values per member id. */
export interface UserFactorRows {
  factors: number;
  memberIds: readonly bigint[];
  userFactors: Uint8Array;
}

/**
 * The same factors without the rows of `erased`: what a model keeps after
 * an erasure, so that nothing in it can be traced to the member while every
 * other member's row, and every item row, is exactly as trained. Returns
 * null when no row belongs to an erased member (nothing to rewrite). The
 * input is not mutated. The erasure job applies this rule in SQL
 * (STRIP_FACTOR_ROWS in the API's erasure repository), whose integration
 * spec checks it against this function byte for byte.
 * Example: withoutMembers({ factors: 1, memberIds: [1n, 2n], userFactors: bytes of [0.5, 0.25] }, [1n]) keeps memberIds [2n] and factors [0.25].
 */
export function withoutMembers(
  model: UserFactorRows,
  erased: readonly bigint[],
): { memberIds: bigint[]; userFactors: Uint8Array; removed: number } | null {
  const rowBytes = model.factors * 4;
  if (model.userFactors.length !== model.memberIds.length * rowBytes) {
    throw new Error(
      `withoutMembers requires ${model.memberIds.length} rows of ${model.factors} Float32 factors; got ${model.userFactors.length} bytes`,
    );
  }
  const drop = new Set(erased);
  const kept: number[] = [];
  model.memberIds.forEach((id, row) => {
    if (!drop.has(id)) kept.push(row);
  });
  if (kept.length === model.memberIds.length) return null;
  const userFactors = new Uint8Array(kept.length * rowBytes);
  kept.forEach((row, i) => userFactors.set(model.userFactors.subarray(row * rowBytes, (row + 1) * rowBytes), i * rowBytes));
  return { memberIds: kept.map((row) => model.memberIds[row]), userFactors, removed: model.memberIds.length - kept.length };
}
