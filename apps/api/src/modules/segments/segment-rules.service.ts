import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { CAR_KNOWLEDGE_CATEGORIES } from '@crosslane/domain-catalogue';
import {
  compileRule,
  PropensityUnavailableError,
  segmentReferenceErrors,
  segmentReferences,
  validateRule,
  type CompiledRule,
  type RuleError,
  type RuleNode,
} from '@crosslane/domain-segments';
import { PrismaService } from '../../core/database/prisma.service';
import { ModelFactorsService } from '../profiles/model-factors.service';

/** Validation and compilation of segment rules against what is stored (other segments, the active model). */
@Injectable()
export class SegmentRulesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly models: ModelFactorsService,
  ) {}

  /** Throws 400 naming every problem (path and message), including unknown segments and reference cycles. */
  async check(rule: unknown, selfId: string | null): Promise<RuleNode> {
    const errors = validateRule(rule);
    if (errors.length > 0) throw ruleError(errors);
    const valid = rule as RuleNode;
    if (segmentReferences(valid).length > 0) {
      const { rules, names } = await this.storedRules();
      const refErrors = segmentReferenceErrors(selfId, valid, rules, names);
      if (refErrors.length > 0) throw ruleError(refErrors);
    }
    return valid;
  }

  /**
   * Compiles a checked rule: referenced rule segments are inlined, and
   * propensity conditions get the active model's item vectors (409 naming
   * the condition when no model is active).
   */
  async compile(rule: RuleNode, asOf: Date, firstParam = 1): Promise<CompiledRule> {
    const { rules } = await this.storedRules();
    const vectors = new Map<string, number[] | null>();
    const propensities = collectPropensities(rule, rules);
    if (propensities.length > 0) {
      const model = await this.models.active();
      if (model) {
        for (const p of propensities) {
          const key = `${p.partnerId}|${p.category ?? ''}`;
          if (vectors.has(key)) continue;
          const vector = await this.models.meanItemVector(model, p.partnerId, p.category);
          if (!vector) {
            throw new BadRequestException({
              message: `rule: partner ${p.partnerId}${p.category ? ` has no items in category "${p.category}"` : ' has no items'} in the active model (v${model.version})`,
              fields: [{ field: 'rule', message: 'propensity target not in the active model' }],
            });
          }
          vectors.set(key, vector);
        }
      }
    }
    try {
      return compileRule(
        rule,
        {
          asOf,
          carCategories: CAR_KNOWLEDGE_CATEGORIES,
          segmentRule: (id) => rules.get(id) ?? null,
          propensityVector: (partnerId, category) => vectors.get(`${partnerId}|${category ?? ''}`) ?? null,
        },
        firstParam,
      );
    } catch (error) {
      if (error instanceof PropensityUnavailableError) {
        throw new ConflictException({
          message: error.message,
          fields: [{ field: error.path, message: 'needs an active recommender model' }],
        });
      }
      throw error;
    }
  }

  /** Rules of rule-based segments by id (null for cluster segments), and names for messages. */
  private async storedRules(): Promise<{ rules: Map<string, RuleNode | null>; names: Map<string, string> }> {
    const rows = await this.prisma.segment.findMany({ select: { id: true, name: true, kind: true, rule: true } });
    return {
      rules: new Map(rows.map((r) => [r.id, r.kind !== 'CLUSTER' && r.rule ? (r.rule as unknown as RuleNode) : null])),
      names: new Map(rows.map((r) => [r.id, r.name])),
    };
  }
}

function collectPropensities(
  rule: RuleNode,
  rules: Map<string, RuleNode | null>,
  seen = new Set<string>(),
): { partnerId: string; category?: string }[] {
  if ('and' in rule) return rule.and.flatMap((c) => collectPropensities(c, rules, seen));
  if ('or' in rule) return rule.or.flatMap((c) => collectPropensities(c, rules, seen));
  if ('not' in rule) return collectPropensities(rule.not, rules, seen);
  if ('propensity' in rule) return [rule.propensity];
  if ('segment' in rule && !seen.has(rule.segment)) {
    seen.add(rule.segment);
    const inner = rules.get(rule.segment);
    return inner ? collectPropensities(inner, rules, seen) : [];
  }
  return [];
}

function ruleError(errors: RuleError[]): BadRequestException {
  return new BadRequestException({
    message: `Invalid rule: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    fields: errors.map((e) => ({ field: e.path, message: e.message })),
  });
}
