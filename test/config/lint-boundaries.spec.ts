import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/**
 * The boundaries in eslint.config.mjs, checked by linting deliberate
 * violations through ESLint's own API. The Nx rule is silently skipped
 * without a project graph, so the graph is computed first, as npm test does.
 */
describe('lint boundaries', () => {
  let eslint: ESLint;

  beforeAll(() => {
    const graph = spawnSync(process.execPath, ['node_modules/nx/dist/bin/nx.js', 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    });
    expect(graph.status, graph.stderr).toBe(0);
    eslint = new ESLint({ cwd: root });
  });

  async function errorsOf(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  }

  it('refuses an import of a feature module from core/', async () => {
    const errors = await errorsOf(
      'apps/api/src/core/queue/violation.ts',
      "import { AccountsService } from '../../modules/accounts/accounts.service';\nexport const service = AccountsService;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*core\/ is infrastructure and must not import feature modules/),
    ]);
  });

  it('lets bootstrap/ import both core/ and the modules', async () => {
    const errors = await errorsOf(
      'apps/api/src/bootstrap/violation.ts',
      "import { AccountsService } from '../modules/accounts/accounts.service';\nimport { JobName } from '../core/queue/queue-names';\nexport const both = [AccountsService, JobName];\n",
    );
    expect(errors).toEqual([]);
  });

  it('refuses the demo world in a product module of the API, and allows it in the loader', async () => {
    const code = "import { generateDemoWorld } from '@crosslane/domain-demo-world';\nexport const generate = generateDemoWorld;\n";
    expect(await errorsOf('apps/api/src/modules/profiles/violation.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Only the demo world loader/),
    ]);
    expect(await errorsOf('apps/api/src/modules/demo-world/allowed.ts', code)).toEqual([]);
  });

  it('refuses the demo world in a product library (Nx scope rule, with the project graph)', async () => {
    const errors = await errorsOf(
      'libs/domain/segments/src/violation.ts',
      "import { generateDemoWorld } from '@crosslane/domain-demo-world';\nexport const generate = generateDemoWorld;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^@nx\/enforce-module-boundaries: A project tagged with "scope:segments" can not depend on libs tagged with "scope:demo-world"/,
      ),
    ]);
  });
});
