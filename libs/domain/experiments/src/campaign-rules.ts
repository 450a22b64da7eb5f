export interface WeightedVariantInput {
  readonly key: string;
  readonly weight: number;
  readonly isControl?: boolean;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Checks a campaign's variants: at least two, unique keys, exactly one
 * control (or holdout), every weight in (0, 1], and weights summing to 1
 * (within 1e-6). Returns one problem per offending field, named as the API
 * names it (`variants[1].weight`, `variants`), and none when all is well.
 *
 * Method: the allocation rules of a fixed-split randomised test (Kohavi, Tang & Xu 2020, ch. 4).
 *
 * Example: validateVariantWeights([{key: 'control', weight: 0.5, isControl: true}, {key: 'a', weight: 0.4}])[0].message === 'variants weights must sum to 1; they sum to 0.9'
 */
export function validateVariantWeights(variants: readonly WeightedVariantInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(variants) || variants.length < 2) {
    return [{ field: 'variants', message: 'variants must hold a control and at least one treatment' }];
  }
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (seen.has(v.key)) problems.push({ field: `variants[${i}].key`, message: `variants[${i}].key "${v.key}" is used twice` });
    seen.add(v.key);
    if (typeof v.weight !== 'number' || !Number.isFinite(v.weight) || v.weight <= 0 || v.weight > 1) {
      problems.push({ field: `variants[${i}].weight`, message: `variants[${i}].weight must be a number in (0, 1]` });
    }
  });
  const controls = variants.filter((v) => v.isControl).length;
  if (controls !== 1) problems.push({ field: 'variants', message: `variants must mark exactly one control; ${controls} are marked` });
  const sum = variants.reduce((s, v) => s + (Number.isFinite(v.weight) ? v.weight : 0), 0);
  if (Math.abs(sum - 1) > 1e-6) {
    problems.push({ field: 'variants', message: `variants weights must sum to 1; they sum to ${Number(sum.toFixed(6))}` });
  }
  return problems;
}

export interface LaunchArm {
  readonly key: string;
  readonly name: string;
  /** Members the arm is expected to hold (segment size x weight). */
  readonly expectedMembers: number;
  readonly isControl: boolean;
}

export interface LaunchPartner {
  readonly id: string;
  readonly name: string;
  readonly minGroupSize: number;
}

export interface LaunchGateInput {
  readonly arms: readonly LaunchArm[];
  readonly partners: readonly LaunchPartner[];
  /** The effect the manager wants to detect (absolute, in the primary metric's unit); null when not named. */
  readonly minimumEffect: number | null;
  /** Minimum detectable effect per treatment arm against control, at 80 % power and 5 % significance; null when nothing is detectable. */
  readonly detectableEffects: Readonly<Record<string, number | null>>;
  /** How effects read in messages: 'pp' for rates (0.012 -> "1.20 pp"), 'absolute' otherwise. Default 'absolute'. */
  readonly effectUnit?: 'pp' | 'absolute';
}

export interface LaunchBlocker {
  readonly kind: 'BELOW_MIN_GROUP_SIZE' | 'UNDERPOWERED';
  readonly arm: string;
  readonly partnerId?: string;
  readonly threshold: number;
  readonly actual: number | null;
  readonly message: string;
}

/**
 * The reasons a campaign may not launch: an arm smaller than a partner's
 * minimum group size (its figures could never be reported to that partner),
 * or a treatment whose minimum detectable effect exceeds the effect the
 * manager named (the test would likely miss it).
 *
 * Method: disclosure threshold per partner agreement; power per arm from
 * the Fleiss / normal-approximation MDE (see power-analysis.ts).
 *
 * Example: launchBlockers({arms: [{key: 'a', name: 'A', expectedMembers: 20, isControl: false}], partners: [{id: 'p', name: 'Apex', minGroupSize: 50}], minimumEffect: null, detectableEffects: {}})[0].message === 'Arm "A" would hold 20 members, below the minimum group size 50 of partner Apex'
 */
export function launchBlockers(input: LaunchGateInput): LaunchBlocker[] {
  const blockers: LaunchBlocker[] = [];
  for (const arm of input.arms) {
    for (const partner of input.partners) {
      if (arm.expectedMembers < partner.minGroupSize) {
        blockers.push({
          kind: 'BELOW_MIN_GROUP_SIZE',
          arm: arm.key,
          partnerId: partner.id,
          threshold: partner.minGroupSize,
          actual: arm.expectedMembers,
          message: `Arm "${arm.name}" would hold ${arm.expectedMembers} members, below the minimum group size ${partner.minGroupSize} of partner ${partner.name}`,
        });
      }
    }
  }
  if (input.minimumEffect !== null && input.minimumEffect > 0) {
    const formatEffect = (x: number): string =>
      input.effectUnit === 'pp' ? `${(x * 100).toFixed(2)} pp` : Number(x.toPrecision(3)).toString();
    for (const arm of input.arms.filter((a) => !a.isControl)) {
      const mde = input.detectableEffects[arm.key] ?? null;
      if (mde === null || mde > input.minimumEffect) {
        blockers.push({
          kind: 'UNDERPOWERED',
          arm: arm.key,
          threshold: input.minimumEffect,
          actual: mde,
          message:
            mde === null
              ? `Arm "${arm.name}" cannot detect any effect at 80% power with its expected size`
              : `Arm "${arm.name}" is underpowered: it can detect ${formatEffect(mde)} at 80% power, not the ${formatEffect(input.minimumEffect)} named for this campaign`,
        });
      }
    }
  }
  return blockers;
}
