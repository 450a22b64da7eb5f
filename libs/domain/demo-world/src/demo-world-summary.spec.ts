import { describe, expect, it } from 'vitest';
import { summariseDemoWorld } from './demo-world-summary';
import { generateDemoWorld } from './generate-demo-world';

const world = generateDemoWorld({ endDate: new Date('2026-11-28T00:00:00Z'), members: 400 });
const summary = summariseDemoWorld(world);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('summariseDemoWorld', () => {
  it('gives the doc comment example', () => {
    expect(summary.items.byDomain).toEqual({ KNOWLEDGE: 336, PARTNER: 216 });
  });

  it('adds up: every breakdown sums to its total', () => {
    expect(sum(summary.items.byDomain)).toBe(summary.items.total);
    expect(sum(summary.items.byKind)).toBe(summary.items.total);
    expect(sum(summary.items.byPartner)).toBe(summary.items.byDomain.PARTNER);
    expect(sum(summary.interactions.byType)).toBe(summary.interactions.total);
    expect(sum(summary.interactions.byDomain)).toBe(summary.interactions.total);
    expect(sum(summary.interactions.bySource)).toBe(summary.interactions.total);
    expect(summary.members.total).toBe(400);
  });

  it('reports the time span of the interactions', () => {
    expect(summary.interactions.first).toBe(world.interactions[0].occurredAt.toISOString());
    expect(summary.interactions.last).toBe(world.interactions[world.interactions.length - 1].occurredAt.toISOString());
    expect(summariseDemoWorld({ partners: [], items: [], members: [], interactions: [] }).interactions.first).toBeNull();
  });

  it('leaves the world as it was', () => {
    const before = JSON.stringify(world);
    summariseDemoWorld(world);
    expect(JSON.stringify(world)).toBe(before);
  });
});
