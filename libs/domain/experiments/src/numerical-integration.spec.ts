import { describe, expect, it } from 'vitest';
import { simpsonQuadrature } from './numerical-integration';

describe('simpsonQuadrature', () => {
  it('matches scipy.integrate.simpson on the same nodes (doc example)', () => {
    const { nodes, weights } = simpsonQuadrature(0, Math.PI, 64);
    const integral = nodes.reduce((s, x, i) => s + (weights[i] as number) * Math.sin(x), 0);
    // x = numpy.linspace(0, pi, 65); scipy.integrate.simpson(numpy.sin(x), x=x) -> 2.000000064530002
    expect(integral).toBeCloseTo(2.000000064530002, 12);
  });

  it('integrates cubics exactly and rounds odd interval counts up', () => {
    const { nodes, weights } = simpsonQuadrature(-1, 2, 3);
    expect(nodes).toHaveLength(5);
    const integral = nodes.reduce((s, x, i) => s + (weights[i] as number) * (x ** 3 - x + 1), 0);
    expect(integral).toBeCloseTo(5.25, 12); // [x⁴/4 - x²/2 + x] from -1 to 2 = 4 + 1.25
  });

  it('says what it requires', () => {
    expect(() => simpsonQuadrature(1, 1, 10)).toThrow('simpsonQuadrature requires finite a < b, got a = 1, b = 1');
  });
});
