import type { DemoItem, DemoPartner } from './demo-world.types';
import { FITMENT_CARS, PARTNER_PROFILES, PRODUCT_TEMPLATES, type ProductTemplate } from './partner-vocabulary';
import type { SeededRandom } from '@crosslane/util-random';
import { slugify } from './slugify';

export interface PartnerCatalogues {
  partners: DemoPartner[];
  /** Every partner's items, partner by partner, in PARTNER_PROFILES order. */
  items: DemoItem[];
}

const ALL_CARS = [...FITMENT_CARS.performance, ...FITMENT_CARS.ev, ...FITMENT_CARS['off-road']];
const EV_CARS = new Set(FITMENT_CARS.ev);

/**
 * Builds the partners and their catalogues of kits, parts and services. A
 * product offered per car model ("Street Coilover Kit for Honda Civic Type
 * R") appears once per model drawn, a generic one ("Coilover Installation")
 * at most once, so every title is unique within a partner. Keys are
 * '<partner slug>:<SKU>', e.g. 'apex-performance:APX-SUS-0001', because a
 * partner's own SKUs are only unique inside its feed.
 *
 * Example: the defaults give 4 partners (3 active, 1 prospect) with 216 items.
 */
export function generatePartnerCatalogues(rng: SeededRandom): PartnerCatalogues {
  const partners: DemoPartner[] = [];
  const items: DemoItem[] = [];
  for (const profile of PARTNER_PROFILES) {
    const { slug, name, industry, status, contactName, contactEmail, website } = profile;
    partners.push({ slug, name, industry, status, contactName, contactEmail, website });
    const shares = profile.categories.map((c) => c.share);
    const used = new Set<string>();
    for (let n = 0; n < profile.size; n += 1) {
      const category = profile.categories[rng.weightedIndex(shares)].slug;
      const { template, car, title } = freshProduct(rng, PRODUCT_TEMPLATES[category], used);
      const tags = [category, ...(template.tags ?? [])];
      if (car && template.fitment !== 'class') tags.push(slugify(car));
      if (car && EV_CARS.has(car)) tags.push('ev');
      const sku = `${profile.skuPrefix}-${category.slice(0, 3).toUpperCase()}-${String(n + 1).padStart(4, '0')}`;
      items.push({
        externalKey: `${profile.slug}:${sku}`,
        domain: 'PARTNER',
        partnerSlug: profile.slug,
        kind: template.kind,
        title,
        category,
        tags: [...new Set(tags)],
        price: retailPrice(rng, template),
      });
    }
  }
  return { partners, items };
}

function freshProduct(
  rng: SeededRandom,
  templates: readonly ProductTemplate[],
  used: Set<string>,
): { template: ProductTemplate; car: string | null; title: string } {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const template = rng.pick(templates);
    const car = carFor(rng, template);
    const title = car ? `${template.name} for ${car}` : template.name;
    if (!used.has(title)) {
      used.add(title);
      return { template, car, title };
    }
  }
  // Nearly exhausted: take the first unused pair in a fixed order, so the bound is explicit.
  for (const template of templates) {
    for (const car of template.fitment === 'none' ? [null] : carsFor(template)) {
      const title = car ? `${template.name} for ${car}` : template.name;
      if (!used.has(title)) {
        used.add(title);
        return { template, car, title };
      }
    }
  }
  throw new Error('generatePartnerCatalogues requires more distinct products than a partner category offers');
}

function carFor(rng: SeededRandom, template: ProductTemplate): string | null {
  return template.fitment === 'none' ? null : rng.pick(carsFor(template));
}

function carsFor(template: ProductTemplate): readonly string[] {
  if (template.fitment === 'none') return [];
  return template.fitment === 'any' ? ALL_CARS : FITMENT_CARS[template.fitment];
}

/**
 * A price inside the template's band, skewed to its lower end (entry models
 * sell more and are listed more), rounded the way Chinese retail lists prices:
 * 12,800 and 5,800 for big tickets, 2,398 or 698 below.
 */
function retailPrice(rng: SeededRandom, template: ProductTemplate): number {
  const raw = template.min + (template.max - template.min) * rng.next() ** 1.4;
  let price: number;
  if (raw >= 5000) price = Math.round(raw / 1000) * 1000 - 200;
  else if (raw >= 1000) price = Math.round(raw / 100) * 100 - 2;
  else price = Math.round(raw / 10) * 10 - 2;
  return Math.min(template.max, Math.max(template.min, price));
}
