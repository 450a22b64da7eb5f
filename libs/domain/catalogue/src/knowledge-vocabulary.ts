/** Knowledge kinds: what the platform sells. */
export type KnowledgeKind = 'course' | 'audiobook' | 'book' | 'column';

/**
 * The knowledge catalogue's categories and the topics inside each, and which
 * of them are car topics (profiles, segment rules and partner audiences count
 * car interest by them). The demo world builds its titles and prices on them
 * (demo-world/src/knowledge-templates.ts); this library is what product code
 * may import without depending on the demo world.
 *
 * Car topics name the partner category they lead to (`leadsTo`), and that
 * category is also written into the item's tags. That link is the structure a
 * cross-domain recommender is meant to find: members who take "Suspension
 * Tuning Fundamentals" later buy coilovers more often than other members do.
 */

export interface KnowledgeTopic {
  /** A noun phrase that reads well in every template of its category. */
  name: string;
  /** The partner item category this topic leads car learners to, if any. */
  leadsTo?: string;
}

export interface KnowledgeCategory {
  slug: string;
  /** True for the car topics that joint campaigns with partners are built on. */
  car: boolean;
  /** How many catalogue items the category gets. */
  size: number;
  /** Relative chance that a member names it as a favourite (non-car categories only). */
  appeal: number;
  topics: KnowledgeTopic[];
  /** Names of paid columns ("Weekly Column: <name>"). */
  columns: string[];
  /** Title templates that replace the defaults for this category, per kind. */
  templates?: Partial<Record<KnowledgeKind, string[]>>;
}

const t = (name: string, leadsTo?: string): KnowledgeTopic => (leadsTo ? { name, leadsTo } : { name });

export const KNOWLEDGE_CATEGORIES: readonly KnowledgeCategory[] = [
  {
    slug: 'business',
    car: false,
    size: 34,
    appeal: 1.5,
    topics: [
      'Negotiation',
      'Strategic Thinking',
      'Product Management',
      'Leadership',
      'Brand Building',
      'Sales Psychology',
      'Operations Management',
      'Business Model Design',
      'Team Management',
      'Public Speaking',
      'Cross-Border E-Commerce',
      'Private-Traffic Marketing',
    ].map((name) => t(name)),
    columns: ["The Founder's Desk", 'Strategy Memos'],
  },
  {
    slug: 'history',
    car: false,
    size: 24,
    appeal: 1.0,
    topics: [
      'the Ming Dynasty',
      'the Song Dynasty',
      'the Silk Road',
      'the Roman Empire',
      'the Three Kingdoms',
      'the Industrial Revolution',
      'the Cold War',
      'the Age of Exploration',
      'Modern China',
      'the Second World War',
      'Ancient Greece',
    ].map((name) => t(name)),
    columns: ['Footnotes of History'],
    templates: {
      course: ['{t}: A History in 30 Lectures', 'Understanding {t}', '{t} Revisited', 'A Close Reading of {t}'],
      book: ['A Short History of {t}', '{t}: A New History', '{t} in Twelve Objects', 'Voices from {t}'],
      audiobook: ['A Short History of {t} (audiobook)', 'Stories from {t} (audiobook)', '{t} Retold (audiobook)'],
    },
  },
  {
    slug: 'psychology',
    car: false,
    size: 30,
    appeal: 1.3,
    topics: [
      'Cognitive Biases',
      'Emotional Intelligence',
      'Habit Formation',
      'Positive Psychology',
      'Behavioural Economics',
      'Decision Making',
      'Social Psychology',
      'Anxiety and Resilience',
      'Attachment Theory',
      'Deep Focus',
      'Memory and Learning',
    ].map((name) => t(name)),
    columns: ['Mind Matters'],
  },
  {
    slug: 'technology',
    car: false,
    size: 30,
    appeal: 1.2,
    topics: [
      'Artificial Intelligence',
      'Machine Learning',
      'Large Language Models',
      'Cloud Computing',
      'Cybersecurity',
      'Python Programming',
      'Data Analysis',
      'Semiconductors',
      'Product Design',
      'Robotics',
      'Quantum Computing',
    ].map((name) => t(name)),
    columns: ['AI This Week', 'Code and Craft'],
  },
  {
    slug: 'finance',
    car: false,
    size: 28,
    appeal: 1.2,
    topics: [
      'Personal Finance',
      'Index Fund Investing',
      'Value Investing',
      'Macroeconomics',
      'Financial Statements',
      'Real Estate Economics',
      'Retirement Planning',
      'Insurance Planning',
      'Investor Psychology',
      'Global Markets',
      'Monetary Policy',
    ].map((name) => t(name)),
    columns: ['Market Signals', 'The Frugal Investor'],
  },
  {
    slug: 'health',
    car: false,
    size: 24,
    appeal: 1.0,
    topics: [
      'Sleep Science',
      'Nutrition',
      'Strength Training',
      'Running',
      'Traditional Chinese Medicine',
      'Mindfulness',
      'Healthy Ageing',
      'Weight Management',
      'Back and Posture Care',
      'Mental Health',
    ].map((name) => t(name)),
    columns: ['Sleep Well, Live Well'],
  },
  {
    slug: 'parenting',
    car: false,
    size: 22,
    appeal: 0.8,
    topics: [
      'Early Childhood Development',
      'Positive Discipline',
      'Bilingual Parenting',
      'Teen Communication',
      'Learning Through Play',
      'Picture Book Reading',
      'Screen Time Management',
      'Homework Habits',
      'Child Nutrition',
      'Sibling Relationships',
    ].map((name) => t(name)),
    columns: ['Growing Up Together'],
  },
  {
    slug: 'language',
    car: false,
    size: 24,
    appeal: 0.9,
    topics: [
      'Business English',
      'IELTS Speaking',
      'English Pronunciation',
      'Japanese',
      'Spanish',
      'Academic Writing',
      'English Vocabulary',
      'Travel English',
      'French',
      'Korean',
    ].map((name) => t(name)),
    columns: ['English in Five Minutes a Day'],
  },
  {
    slug: 'automotive-engineering',
    car: true,
    size: 20,
    appeal: 0,
    topics: [
      t('Engine Fundamentals', 'intake'),
      t('Turbocharging', 'intake'),
      t('Vehicle Dynamics', 'suspension'),
      t('Brake Systems', 'suspension'),
      t('Transmissions'),
      t('Chassis Design', 'suspension'),
      t('Automotive Aerodynamics', 'body-kits'),
      t('Fuel Injection', 'ecu-tuning'),
      t('Car Electronics', 'ecu-tuning'),
      t('Exhaust Flow', 'exhaust'),
    ],
    columns: ['Under the Bonnet'],
  },
  {
    slug: 'car-modification',
    car: true,
    size: 26,
    appeal: 0,
    topics: [
      t('Suspension Tuning', 'suspension'),
      t('Coilover Setup', 'suspension'),
      t('Exhaust Upgrades', 'exhaust'),
      t('ECU Remapping', 'ecu-tuning'),
      t('Wheel Fitment', 'wheels'),
      t('Intake and Airflow', 'intake'),
      t('Body Kit Design', 'body-kits'),
      t('Vinyl Wrapping', 'wraps'),
      t('Lighting Upgrades', 'lighting'),
      t('Street-Legal Modification'),
      t('Stance Builds', 'wheels'),
    ],
    columns: ['Garage Diaries', 'Build of the Week'],
  },
  {
    slug: 'motorsport',
    car: true,
    size: 18,
    appeal: 0,
    topics: [
      t('Track Day Driving', 'suspension'),
      t('Racing Lines'),
      t('Formula 1 Engineering'),
      t('Rally Driving'),
      t('Drifting', 'suspension'),
      t('Karting'),
      t('Race Car Setup', 'suspension'),
      t('Endurance Racing'),
      t('Motorsport History'),
    ],
    columns: ['Track Day Notes'],
  },
  {
    slug: 'ev-technology',
    car: true,
    size: 18,
    appeal: 0,
    topics: [
      t('EV Batteries'),
      t('Electric Motors'),
      t('EV Charging'),
      t('Autonomous Driving'),
      t('EV Performance Tuning', 'ecu-tuning'),
      t('Battery Thermal Management'),
      t('Hybrid Powertrains'),
      t('Smart Cockpits', 'lighting'),
    ],
    columns: ['Volts and Torque'],
  },
  {
    slug: 'car-photography',
    car: true,
    size: 12,
    appeal: 0,
    topics: [
      t('Automotive Photography'),
      t('Rolling Shots'),
      t('Night Car Photography', 'lighting'),
      t('Car Video Editing'),
      t('Studio Car Lighting', 'lighting'),
      t('Drone Car Filming'),
    ],
    columns: ['Frames and Fenders'],
  },
  {
    slug: 'detailing',
    car: true,
    size: 12,
    appeal: 0,
    topics: [
      t('Paint Correction', 'detailing'),
      t('Ceramic Coating', 'detailing'),
      t('Interior Detailing', 'detailing'),
      t('Paint Protection Film', 'wraps'),
      t('Everyday Car Care', 'detailing'),
      t('Wheel and Tyre Care', 'wheels'),
    ],
    columns: ['The Gloss Report'],
  },
  {
    slug: 'off-road',
    car: true,
    size: 14,
    appeal: 0,
    topics: [
      t('Off-Road Driving'),
      t('Overlanding'),
      t('4x4 Suspension Lifts', 'suspension'),
      t('Recovery Techniques'),
      t('Off-Road Lighting', 'lighting'),
      t('All-Terrain Tyres', 'wheels'),
      t('Vehicle Camping'),
    ],
    columns: ['Dirt Road Dispatches'],
  },
];

/** Slugs of the car knowledge categories, in catalogue order. */
export const CAR_KNOWLEDGE_CATEGORIES: readonly string[] = KNOWLEDGE_CATEGORIES.filter((c) => c.car).map((c) => c.slug);

/** True for a knowledge category about cars (automotive engineering, modification, motorsport, ...). */
export function isCarCategory(category: string): boolean {
  return CAR_KNOWLEDGE_CATEGORIES.includes(category);
}
