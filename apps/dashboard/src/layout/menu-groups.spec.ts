import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../resources';
import { groupMenuItems, MENU_GROUPS, OTHER_GROUP } from './menu-groups';

describe('MENU_GROUPS', () => {
  it('puts every registered resource in exactly one section, and names no other', () => {
    const listed = Object.values(MENU_GROUPS).flat();
    expect([...listed].sort()).toEqual(Object.keys(RESOURCES).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe('groupMenuItems', () => {
  it('keeps the table order of sections and of items, whatever order the resources come in', () => {
    const visible: [string, number][] = [
      ['jobs', 1],
      ['exports', 2],
      ['items', 3],
      ['partners', 4],
      ['imports', 5],
    ];
    expect(groupMenuItems(visible)).toEqual([
      {
        label: 'Data',
        items: [
          ['imports', 5],
          ['items', 3],
        ],
      },
      {
        label: 'Partners & sharing',
        items: [
          ['partners', 4],
          ['exports', 2],
        ],
      },
      { label: 'Administration', items: [['jobs', 1]] },
    ]);
  });

  it('leaves out a section none of whose resources the role may use', () => {
    const labels = groupMenuItems([['jobs', 1]]).map((section) => section.label);
    expect(labels).toEqual(['Administration']);
    expect(groupMenuItems([])).toEqual([]);
  });

  it('lists a resource missing from the table last, under its own heading, rather than hiding it', () => {
    expect(
      groupMenuItems([
        ['brand-new', 1],
        ['segments', 2],
      ]),
    ).toEqual([
      { label: 'Audience', items: [['segments', 2]] },
      { label: OTHER_GROUP, items: [['brand-new', 1]] },
    ]);
  });
});
