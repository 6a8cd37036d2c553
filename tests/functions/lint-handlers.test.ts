/**
 * scripts/lint-handlers.ts: the size limits on action handlers (40 lines) and page components
 * (120 lines, 4 useState), measured on small fixtures written here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS, checkActionFile, checkPageFile, lintRepository } from '../../scripts/lint-handlers';

const root = path.resolve(__dirname, '../..');

const statements = (n: number): string[] => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`);

/** An action file whose handler spans exactly `lines` lines, braces included. */
function actionOf(lines: number, definer = 'defineAction'): string {
  const roles = definer === 'defineAction' ? "['dealer'], " : '';
  return [
    "import { defineAction, defineOpenidAction } from '../../../_kit/router';",
    `export const probe = ${definer}(contracts.probe.run, ${roles}async (input, { db }) => {`,
    ...statements(lines - 3),
    '  return { ok: true };',
    '});',
  ].join('\n');
}

/** A page file whose default-exported component spans `lines` lines and calls useState `states` times. */
function pageOf(lines: number, states: number): string {
  const stateLines = Array.from({ length: states }, (_, i) => `  const [s${i}, set${i}] = useState(0);`);
  const filler = statements(lines - 3 - states);
  return ["import { useState } from 'react';", 'export default function ProbePage() {', ...stateLines, ...filler, '  return null;', '}'].join('\n');
}

describe('action handlers', () => {
  test('a handler of exactly 40 lines passes', () => {
    expect(checkActionFile('probe.ts', actionOf(LIMITS.handlerLines))).toEqual([]);
  });

  test('a handler of 41 lines is reported with its length and its action', () => {
    expect(checkActionFile('probe.ts', actionOf(41))).toEqual([{ file: 'probe.ts', name: 'probe', problem: 'handler is 41 lines (max 40)' }]);
  });

  test('an open-id action is measured like any other', () => {
    expect(checkActionFile('probe.ts', actionOf(41, 'defineOpenidAction'))).toHaveLength(1);
  });

  test('a handler written as a named function elsewhere in the file is measured there', () => {
    const text = ['async function run(input) {', ...statements(43), '}', "export const probe = defineAction(contracts.probe.run, ['dealer'], run);"].join('\n');
    expect(checkActionFile('probe.ts', text)).toEqual([{ file: 'probe.ts', name: 'probe', problem: 'handler is 45 lines (max 40)' }]);
  });

  test('a handler the script cannot see (imported from elsewhere) is reported rather than waved through', () => {
    const text = "import { run } from './run';\nexport const probe = defineAction(contracts.probe.run, ['dealer'], run);\n";
    expect(checkActionFile('probe.ts', text)).toEqual([expect.objectContaining({ name: 'probe', problem: expect.stringContaining('not found') })]);
  });
});

describe('page components', () => {
  test('a page of 120 lines with 4 useState passes', () => {
    expect(checkPageFile('index.tsx', pageOf(LIMITS.pageLines, LIMITS.pageUseStates))).toEqual([]);
  });

  test('a page of 121 lines is reported', () => {
    expect(checkPageFile('index.tsx', pageOf(121, 1))).toEqual([{ file: 'index.tsx', name: 'ProbePage', problem: 'component is 121 lines (max 120)' }]);
  });

  test('a page with 5 useState is reported', () => {
    expect(checkPageFile('index.tsx', pageOf(30, 5))).toEqual([{ file: 'index.tsx', name: 'ProbePage', problem: 'component has 5 useState (max 4)' }]);
  });

  test('a component exported by name at the end of the file is found', () => {
    const text = pageOf(121, 0).replace('export default function', 'function') + '\nexport default ProbePage;\n';
    expect(checkPageFile('index.tsx', text)).toHaveLength(1);
  });
});

describe('npm run lint:handlers', () => {
  let tree: string;
  beforeEach(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-handlers-'));
    fs.mkdirSync(path.join(tree, 'cloudfunctions/probe/src/actions'), { recursive: true });
    fs.mkdirSync(path.join(tree, 'miniapp/src/pages/probe'), { recursive: true });
    fs.writeFileSync(path.join(tree, 'miniapp/src/pages/probe/index.tsx'), pageOf(20, 1));
  });
  afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

  const run = () => spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/lint-handlers.ts', tree], { cwd: root, encoding: 'utf8' });

  test('exits non-zero and names the action when a handler is over-long', () => {
    fs.writeFileSync(path.join(tree, 'cloudfunctions/probe/src/actions/run.ts'), actionOf(60));
    expect(lintRepository(tree)).toHaveLength(1);
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cloudfunctions/probe/src/actions/run.ts: probe: handler is 60 lines (max 40)');
  }, 30_000);

  test('exits zero when every handler and page is within its limits', () => {
    fs.writeFileSync(path.join(tree, 'cloudfunctions/probe/src/actions/run.ts'), actionOf(12));
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 30_000);
});
