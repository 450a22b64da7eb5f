import type { DemoItem, KnowledgeKind } from './demo-world.types';
import { KNOWLEDGE_CATEGORIES, type KnowledgeCategory, type KnowledgeTopic } from '@crosslane/domain-catalogue';
import { DEFAULT_TITLE_TEMPLATES, KIND_SHARES, KNOWLEDGE_PRICE_POINTS } from './knowledge-templates';
import type { SeededRandom } from '@crosslane/util-random';
import { slugify } from './slugify';

/** The platform's catalogue and, per item, the partner category a car item leads to. */
export interface KnowledgeCatalogue {
  items: DemoItem[];
  /** Parallel to items: the partner category the item's topic leads to, or null. */
  leadsTo: (string | null)[];
}

const NON_COLUMN_KINDS = Object.keys(KIND_SHARES) as Exclude<KnowledgeKind, 'column'>[];
const KIND_WEIGHTS = NON_COLUMN_KINDS.map((kind) => KIND_SHARES[kind]);

/**
 * Builds the knowledge catalogue: for every category, its paid columns and
 * then courses, audiobooks and books whose titles come from topic x template
 * (drawn without repetition, so no two items share a title). Keys are
 * 'kn-0001', 'kn-0002', ... in catalogue order.
 *
 * Example: with the default seed the catalogue has 336 items, 19 of them columns (sizes are fixed; the seed picks titles, kinds and prices).
 */
export function generateKnowledgeCatalogue(rng: SeededRandom): KnowledgeCatalogue {
  const items: DemoItem[] = [];
  const leadsTo: (string | null)[] = [];
  for (const category of KNOWLEDGE_CATEGORIES) {
    const cadences = ['Weekly Column', 'Daily Column'];
    for (const column of category.columns) {
      items.push(
        knowledgeItem(
          items.length,
          category,
          'column',
          `${rng.pick(cadences)}: ${column}`,
          [category.slug, 'column', 'subscription', ...(category.car ? ['car'] : [])],
          rng,
        ),
      );
      leadsTo.push(null);
    }
    const used = new Set<string>();
    const remaining = category.size - category.columns.length;
    for (let n = 0; n < remaining; n += 1) {
      const kind = NON_COLUMN_KINDS[rng.weightedIndex(KIND_WEIGHTS)];
      const templates = category.templates?.[kind] ?? DEFAULT_TITLE_TEMPLATES[kind];
      const { topic, title, template } = freshTitle(rng, category.topics, templates, used);
      const tags = [category.slug, slugify(topic.name)];
      if (topic.leadsTo) tags.push(topic.leadsTo);
      if (category.car) tags.push('car');
      if (kind === 'course' || kind === 'book') tags.push(levelOf(template, rng));
      items.push(knowledgeItem(items.length, category, kind, title, tags, rng));
      leadsTo.push(topic.leadsTo ?? null);
    }
  }
  return { items, leadsTo };
}

function knowledgeItem(
  index: number,
  category: KnowledgeCategory,
  kind: KnowledgeKind,
  title: string,
  tags: string[],
  rng: SeededRandom,
): DemoItem {
  const prices = KNOWLEDGE_PRICE_POINTS[kind];
  return {
    externalKey: `kn-${String(index + 1).padStart(4, '0')}`,
    domain: 'KNOWLEDGE',
    partnerSlug: null,
    kind,
    title,
    category: category.slug,
    tags: [...new Set(tags)],
    price: prices.points[rng.weightedIndex(prices.weights)],
  };
}

/**
 * A topic x template pair not used before in the category. Categories hold far
 * more pairs than items (10 topics x 5-9 templates against 12-34 items), so
 * the retry loop ends quickly; the sweep after it makes the bound explicit.
 */
function freshTitle(
  rng: SeededRandom,
  topics: readonly KnowledgeTopic[],
  templates: readonly string[],
  used: Set<string>,
): { topic: KnowledgeTopic; title: string; template: string } {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const topic = rng.pick(topics);
    const template = rng.pick(templates);
    const title = render(template, topic.name);
    if (!used.has(title)) {
      used.add(title);
      return { topic, title, template };
    }
  }
  for (const topic of topics) {
    for (const template of templates) {
      const title = render(template, topic.name);
      if (!used.has(title)) {
        used.add(title);
        return { topic, title, template };
      }
    }
  }
  throw new Error(`generateKnowledgeCatalogue requires more topic x template pairs than items in a category`);
}

function render(template: string, topic: string): string {
  const text = template.replace('{t}', topic);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Templates that announce a level set it; the rest get one at random, mostly beginner. */
function levelOf(template: string, rng: SeededRandom): string {
  if (/Beginners|Introduction|Fundamentals|Essential/.test(template)) return 'beginner';
  if (/Advanced|Masterclass|Mastering/.test(template)) return 'advanced';
  return ['beginner', 'intermediate', 'intermediate', 'advanced'][rng.int(0, 3)];
}
