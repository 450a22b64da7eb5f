import type { DemoPartner, PartnerItemKind } from './demo-world.types';

/**
 * The car-modification partners of the demo world and what they sell.
 *
 * Three active brands cover the modification scene between them (performance
 * parts, wheels and lighting, body kits and wraps); the fourth, a detailing
 * chain, is a prospect: its catalogue has arrived for campaign planning but no
 * sharing agreement yet, so no partner feed and no interactions exist for it.
 * Contact addresses use the reserved `.example` domain (RFC 2606) so that
 * nothing in the demo can ever reach a real inbox.
 */

export interface PartnerProfile extends DemoPartner {
  /** Three-letter SKU prefix. */
  skuPrefix: string;
  /** Item categories the partner sells, with relative catalogue share. */
  categories: { slug: string; share: number }[];
  /** Catalogue size. */
  size: number;
}

export const PARTNER_PROFILES: readonly PartnerProfile[] = [
  {
    slug: 'apex-performance',
    name: 'Apex Performance',
    industry: 'car-modification',
    status: 'ACTIVE',
    contactName: 'Zhang Hao',
    contactEmail: 'partnerships@apex-performance.example',
    website: 'https://apex-performance.example',
    skuPrefix: 'APX',
    categories: [
      { slug: 'suspension', share: 0.35 },
      { slug: 'exhaust', share: 0.25 },
      { slug: 'intake', share: 0.2 },
      { slug: 'ecu-tuning', share: 0.2 },
    ],
    size: 72,
  },
  {
    slug: 'lumen-wheels',
    name: 'Lumen Wheels & Lighting',
    industry: 'car-modification',
    status: 'ACTIVE',
    contactName: 'Chen Jing',
    contactEmail: 'bd@lumen-wheels.example',
    website: 'https://lumen-wheels.example',
    skuPrefix: 'LUM',
    categories: [
      { slug: 'wheels', share: 0.55 },
      { slug: 'lighting', share: 0.45 },
    ],
    size: 58,
  },
  {
    slug: 'redline-bodyworks',
    name: 'Redline Bodyworks',
    industry: 'car-modification',
    status: 'ACTIVE',
    contactName: 'Wang Lei',
    contactEmail: 'studio@redline-bodyworks.example',
    website: 'https://redline-bodyworks.example',
    skuPrefix: 'RDL',
    categories: [
      { slug: 'body-kits', share: 0.6 },
      { slug: 'wraps', share: 0.4 },
    ],
    size: 46,
  },
  {
    slug: 'glosspoint-detailing',
    name: 'GlossPoint Detailing',
    industry: 'car-care',
    status: 'PROSPECT',
    contactName: 'Liu Yang',
    contactEmail: 'franchise@glosspoint.example',
    website: 'https://glosspoint.example',
    skuPrefix: 'GLP',
    categories: [
      { slug: 'detailing', share: 0.75 },
      { slug: 'wraps', share: 0.25 },
    ],
    size: 40,
  },
];

/**
 * Which cars a product is offered for: a model of a group ('performance', 'ev',
 * 'off-road'), any model ('any'), a size class ('class': a detailing job is
 * priced per class, not per model) or none (a generic product or service).
 */
export type Fitment = 'performance' | 'ev' | 'off-road' | 'any' | 'class' | 'none';

export interface ProductTemplate {
  name: string;
  kind: PartnerItemKind;
  /** Price range in CNY before retail rounding. */
  min: number;
  max: number;
  fitment: Fitment;
  tags?: string[];
}

/** The products of each partner category. Price bands follow the Chinese aftermarket: parts 300-8,000, kits to 30,000, services 200-5,000. */
export const PRODUCT_TEMPLATES: Record<string, readonly ProductTemplate[]> = {
  suspension: [
    { name: 'Street Coilover Kit', kind: 'kit', min: 6800, max: 16800, fitment: 'performance', tags: ['street'] },
    { name: 'Track Coilover Kit (3-way adjustable)', kind: 'kit', min: 14800, max: 29800, fitment: 'performance', tags: ['track'] },
    { name: 'Lowering Spring Set', kind: 'part', min: 1200, max: 3200, fitment: 'any' },
    { name: 'Adjustable Sway Bar Set', kind: 'part', min: 1800, max: 4800, fitment: 'performance' },
    { name: 'Polyurethane Bushing Set', kind: 'part', min: 600, max: 1800, fitment: 'any' },
    { name: 'Carbon Strut Tower Brace', kind: 'part', min: 800, max: 2600, fitment: 'performance' },
    { name: 'Big Brake Kit (6-piston)', kind: 'kit', min: 9800, max: 26800, fitment: 'any', tags: ['brakes', 'track'] },
    { name: '2-inch Lift Kit', kind: 'kit', min: 6800, max: 18800, fitment: 'off-road', tags: ['off-road'] },
    { name: 'Alignment and Corner Balancing', kind: 'service', min: 600, max: 1800, fitment: 'none' },
    { name: 'Coilover Installation', kind: 'service', min: 800, max: 2400, fitment: 'none' },
  ],
  exhaust: [
    { name: 'Cat-Back Exhaust System', kind: 'kit', min: 4800, max: 16800, fitment: 'performance' },
    { name: 'Valved Titanium Exhaust', kind: 'kit', min: 12800, max: 29800, fitment: 'performance', tags: ['titanium'] },
    { name: 'High-Flow Downpipe', kind: 'part', min: 2200, max: 6800, fitment: 'performance' },
    { name: 'Resonator Delete Pipe', kind: 'part', min: 800, max: 2400, fitment: 'performance' },
    { name: 'Carbon Exhaust Tip Set', kind: 'part', min: 300, max: 1200, fitment: 'none' },
    { name: 'Exhaust Installation and Sound Tuning', kind: 'service', min: 500, max: 1500, fitment: 'none' },
  ],
  intake: [
    { name: 'Cold Air Intake Kit', kind: 'kit', min: 1800, max: 5800, fitment: 'performance' },
    { name: 'Carbon Fibre Airbox', kind: 'part', min: 2800, max: 7800, fitment: 'performance', tags: ['carbon-fibre'] },
    { name: 'High-Flow Air Filter', kind: 'part', min: 300, max: 900, fitment: 'performance' },
    { name: 'Intercooler Upgrade Kit', kind: 'kit', min: 4800, max: 12800, fitment: 'performance', tags: ['turbo'] },
    { name: 'Silicone Intake Hose Set', kind: 'part', min: 400, max: 1400, fitment: 'performance' },
  ],
  'ecu-tuning': [
    { name: 'Stage 1 ECU Remap', kind: 'service', min: 2800, max: 4800, fitment: 'performance', tags: ['stage-1'] },
    { name: 'Stage 2 Tuning Kit', kind: 'kit', min: 9800, max: 24800, fitment: 'performance', tags: ['stage-2'] },
    { name: 'Dyno Tuning Session', kind: 'service', min: 1500, max: 3500, fitment: 'none', tags: ['dyno'] },
    { name: 'Piggyback Tuning Module', kind: 'part', min: 2800, max: 6800, fitment: 'performance' },
    { name: 'Throttle Response Tune', kind: 'service', min: 1200, max: 2800, fitment: 'ev', tags: ['ev'] },
  ],
  wheels: [
    { name: 'Forged Wheel Set (19-inch)', kind: 'kit', min: 12800, max: 29800, fitment: 'any', tags: ['forged'] },
    { name: 'Flow-Formed Wheel (18-inch)', kind: 'part', min: 1800, max: 3800, fitment: 'any' },
    { name: 'Performance Tyre Set', kind: 'kit', min: 4800, max: 12800, fitment: 'any', tags: ['tyres'] },
    { name: 'All-Terrain Tyre Set', kind: 'kit', min: 5800, max: 11800, fitment: 'off-road', tags: ['tyres', 'off-road'] },
    { name: 'Hub-Centric Wheel Spacer Set', kind: 'part', min: 600, max: 1600, fitment: 'any' },
    { name: 'Lug Nut and Lock Set', kind: 'part', min: 300, max: 800, fitment: 'none' },
    { name: 'Wheel Fitment Consultation', kind: 'service', min: 200, max: 600, fitment: 'none' },
    { name: 'Tyre Mounting and Balancing', kind: 'service', min: 300, max: 800, fitment: 'none' },
    { name: 'Wheel Refurbishment', kind: 'service', min: 800, max: 2800, fitment: 'none' },
  ],
  lighting: [
    { name: 'LED Headlight Conversion Kit', kind: 'kit', min: 1800, max: 4800, fitment: 'any' },
    { name: 'Projector Headlight Retrofit', kind: 'service', min: 2800, max: 4800, fitment: 'any' },
    { name: 'Sequential LED Tail Lights', kind: 'part', min: 2200, max: 6800, fitment: 'any' },
    { name: 'Ambient Interior Lighting Kit', kind: 'kit', min: 800, max: 2800, fitment: 'any', tags: ['interior'] },
    { name: 'LED Fog Light Set', kind: 'part', min: 600, max: 1800, fitment: 'any' },
    { name: 'Off-Road Light Bar', kind: 'part', min: 900, max: 3800, fitment: 'off-road', tags: ['off-road'] },
    { name: 'Headlight Restoration', kind: 'service', min: 300, max: 800, fitment: 'none' },
  ],
  'body-kits': [
    { name: 'Carbon Fibre Front Lip', kind: 'part', min: 1800, max: 5800, fitment: 'any', tags: ['carbon-fibre', 'aero'] },
    { name: 'Wide-Body Kit', kind: 'kit', min: 18800, max: 29800, fitment: 'performance', tags: ['wide-body'] },
    { name: 'Rear Diffuser', kind: 'part', min: 2200, max: 6800, fitment: 'any', tags: ['aero'] },
    { name: 'GT Rear Wing', kind: 'part', min: 3800, max: 7800, fitment: 'performance', tags: ['aero', 'track'] },
    { name: 'Side Skirt Set', kind: 'part', min: 1600, max: 4800, fitment: 'any', tags: ['aero'] },
    { name: 'Aero Kit (lip, skirts, diffuser)', kind: 'kit', min: 8800, max: 19800, fitment: 'any', tags: ['aero'] },
    { name: 'Body Kit Fitting and Paint', kind: 'service', min: 2800, max: 5000, fitment: 'none' },
    { name: 'Custom Aero Design Consultation', kind: 'service', min: 800, max: 2000, fitment: 'none' },
  ],
  wraps: [
    { name: 'Full Colour-Change Wrap Package', kind: 'kit', min: 9800, max: 18800, fitment: 'any', tags: ['vinyl'] },
    { name: 'Paint Protection Film (front end)', kind: 'service', min: 2800, max: 5000, fitment: 'any', tags: ['ppf'] },
    { name: 'Satin Roof Wrap', kind: 'service', min: 800, max: 1800, fitment: 'none', tags: ['vinyl'] },
    { name: 'Chrome Delete', kind: 'service', min: 1200, max: 2800, fitment: 'none', tags: ['vinyl'] },
    { name: 'Window Tint (nano-ceramic)', kind: 'service', min: 800, max: 2400, fitment: 'none' },
    { name: 'Wrap Film Roll (1.52 m x 18 m)', kind: 'part', min: 1800, max: 4800, fitment: 'none', tags: ['vinyl'] },
    { name: 'Custom Livery Design', kind: 'service', min: 1500, max: 4000, fitment: 'none' },
  ],
  detailing: [
    { name: 'Ceramic Coating (3-year)', kind: 'service', min: 2800, max: 4800, fitment: 'class', tags: ['ceramic'] },
    { name: 'Two-Stage Paint Correction', kind: 'service', min: 1800, max: 3800, fitment: 'class' },
    { name: 'Interior Deep Clean', kind: 'service', min: 400, max: 900, fitment: 'class', tags: ['interior'] },
    { name: 'Hand Wash and Wax', kind: 'service', min: 200, max: 400, fitment: 'class' },
    { name: 'Clay Bar Decontamination', kind: 'service', min: 300, max: 700, fitment: 'class' },
    { name: 'Glass Coating', kind: 'service', min: 500, max: 1200, fitment: 'class' },
    { name: 'Leather Care Treatment', kind: 'service', min: 400, max: 1200, fitment: 'class', tags: ['interior'] },
    { name: 'Odour Removal and Sterilisation', kind: 'service', min: 300, max: 800, fitment: 'class', tags: ['interior'] },
    { name: 'Engine Bay Detailing', kind: 'service', min: 300, max: 700, fitment: 'none' },
    { name: 'Annual Care Membership', kind: 'service', min: 2800, max: 5000, fitment: 'class' },
    { name: 'Ceramic Spray Sealant', kind: 'part', min: 300, max: 600, fitment: 'none', tags: ['ceramic'] },
    { name: 'Foam Cannon Wash Kit', kind: 'kit', min: 500, max: 1500, fitment: 'none' },
    { name: 'Detailing Starter Kit', kind: 'kit', min: 400, max: 1200, fitment: 'none' },
  ],
};

/** Cars that products are fitted to, popular in the Chinese modification scene, and the size classes detailers price by. */
export const FITMENT_CARS: Record<Exclude<Fitment, 'any' | 'none'>, readonly string[]> = {
  class: ['Compact Cars', 'Sedans', 'SUVs', 'MPVs', 'Sports Cars'],
  performance: [
    'Volkswagen Golf GTI',
    'Honda Civic Type R',
    'Toyota GR86',
    'Subaru BRZ',
    'BMW M340i',
    'Mercedes-AMG C43',
    'Audi S3',
    'Ford Mustang',
    'Nissan Z',
    'Porsche 718 Cayman',
    'Lynk & Co 03+',
    'Hyundai Elantra N',
  ],
  ev: ['Tesla Model 3', 'Tesla Model Y', 'BYD Seal', 'Xpeng P7', 'Zeekr 001', 'Xiaomi SU7'],
  'off-road': ['Tank 300', 'Jeep Wrangler', 'Toyota Land Cruiser Prado', 'Ford Bronco', 'BAIC BJ40'],
};
