import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dashboard imports this library: a Node built-in here would break the browser bundle.
describe('domain-rules stays browser-safe', () => {
  it('imports no Node built-in in its shipped files', () => {
    const shipped = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    expect(shipped.length).toBeGreaterThan(0);
    for (const file of shipped) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      expect(source, file).not.toMatch(/from '(node:[a-z_/]+|crypto|fs|path|buffer)'/);
    }
  });
});
