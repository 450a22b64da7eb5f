/**
 * Jaccard similarity of two sets from their sizes and intersection:
 * |A ∩ B| / |A ∪ B|; 0 when both are empty. Method: Jaccard, 1901.
 *
 * Example: `jaccard(10, 20, 5)` is 0.2 (5 / 25).
 */
export function jaccard(sizeA: number, sizeB: number, intersection: number): number {
  const union = sizeA + sizeB - intersection;
  return union > 0 ? intersection / union : 0;
}
