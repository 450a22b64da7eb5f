import type { KnowledgeKind } from '@crosslane/domain-catalogue';

// How the demo world writes titles and prices for the catalogue's categories (the categories themselves are the catalogue's).

/** Title templates per kind; `{t}` is the topic. Columns are named separately. */
export const DEFAULT_TITLE_TEMPLATES: Record<Exclude<KnowledgeKind, 'column'>, string[]> = {
  course: [
    '{t} Fundamentals',
    'Mastering {t}',
    '{t}: A Practical Course',
    '{t} Masterclass',
    '{t} in 30 Lessons',
    'Introduction to {t}',
    'Advanced {t}',
    '{t} Bootcamp',
    '{t} for Beginners',
  ],
  book: ['The {t} Handbook', '{t}: A Field Guide', 'Understanding {t}', 'The Art of {t}', 'The Essential Guide to {t}'],
  audiobook: [
    'The {t} Handbook (audiobook)',
    '{t} Explained (audiobook)',
    '{t}: The Audio Guide (audiobook)',
    '{t} on the Go (audiobook)',
    'Understanding {t} (audiobook)',
  ],
};

/** How often each kind appears among the non-column items of a category. */
export const KIND_SHARES: Record<Exclude<KnowledgeKind, 'column'>, number> = { course: 0.45, audiobook: 0.3, book: 0.25 };

/**
 * Price points in CNY, the way a Chinese knowledge platform lists them.
 * Weights put most courses in the 199-399 band, with 699 flagship courses rare.
 */
export const KNOWLEDGE_PRICE_POINTS: Record<KnowledgeKind, { points: number[]; weights: number[] }> = {
  course: { points: [99, 129, 149, 199, 249, 299, 399, 499, 599, 699], weights: [6, 6, 8, 14, 12, 14, 10, 6, 3, 2] },
  book: { points: [19.9, 25, 29.9, 35, 39.9, 45, 49.9, 59, 69, 79, 89], weights: [3, 4, 8, 8, 10, 8, 8, 5, 3, 2, 1] },
  audiobook: { points: [29, 39, 49, 59, 69, 99, 129, 149, 199], weights: [6, 8, 10, 8, 6, 6, 3, 2, 1] },
  column: { points: [199], weights: [1] },
};
