/**
 * The side menu's sections, in the order data flows through the product
 * (docs: PRODUCT.md, "The flow of data"): section label -> resource names as
 * registered in resources/index.ts, in the order they are listed.
 * menu-groups.spec.ts checks that every registered resource is in exactly one section.
 */
export const MENU_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Data: ['imports', 'items', 'members'],
  Audience: ['profiles', 'segments', 'interest-topics'],
  Journeys: ['funnels', 'retention'],
  Recommendations: ['recommender/models', 'member-explorer'],
  Campaigns: ['campaigns', 'decisions', 'next-campaign'],
  'Partners & sharing': ['partners', 'voice', 'agreements', 'exports'],
  Administration: ['jobs', 'accounts', 'audit-events', 'member-rights/erasures', 'member-rights/access', 'member-rights/compliance-report'],
};

/** Where a resource missing from MENU_GROUPS goes, so that it is never left without a menu entry. */
export const OTHER_GROUP = 'Other';

export interface MenuGroup<T> {
  label: string;
  items: [name: string, value: T][];
}

/**
 * Sorts the resources a role may use into the sections of MENU_GROUPS, in the
 * table's order. A section with none of them is left out, heading included.
 *
 * groupMenuItems([['jobs', j], ['items', i]]) -> [{ label: 'Data', items: [['items', i]] }, { label: 'Administration', items: [['jobs', j]] }]
 */
export function groupMenuItems<T>(visible: readonly (readonly [name: string, value: T])[], groups = MENU_GROUPS): MenuGroup<T>[] {
  const byName = new Map(visible);
  const placed = new Set(Object.values(groups).flat());
  const sections = Object.entries(groups).map(([label, names]) => ({
    label,
    items: names.filter((name) => byName.has(name)).map((name): [string, T] => [name, byName.get(name)!]),
  }));
  const unplaced = visible.filter(([name]) => !placed.has(name)).map(([name, value]): [string, T] => [name, value]);
  return [...sections, { label: OTHER_GROUP, items: unplaced }].filter((section) => section.items.length > 0);
}
