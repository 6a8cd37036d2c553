/**
 * The import boundaries in eslint.config.mjs, exercised on small import lines linted as if they
 * sat in a given file. The rule judges where an import resolves to, so an alias (`@shared/…`)
 * and a relative path to the same place are judged alike, and a sibling function is caught
 * however it is spelled.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

// ESLint loads its ESM config with import(), which jest's sandbox cannot do, so the linting runs
// in a child Node. Type information is switched off: these files do not exist on disk, and the
// boundary rules need only the resolver.
const LINT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
const cases = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ overrideConfig: [tseslint.configs.disableTypeChecked] });
const out = [];
for (const { file, source } of cases) {
  const [result] = await eslint.lintText("import * as probe from '" + source + "';\\nexport { probe };\\n", { filePath: file });
  out.push(result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths' || m.ruleId === 'no-restricted-imports').map((m) => m.ruleId));
}
process.stdout.write(JSON.stringify(out));
`;

type Case = { file: string; source: string };

function lint(cases: Case[]): string[][] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', LINT], { cwd: root, input: JSON.stringify(cases), encoding: 'utf8' });
  return JSON.parse(out) as string[][];
}

const ORDERS = 'cloudfunctions/orders/src/actions/probe.ts';
const SHARED = 'shared/orders/probe.ts';
const PAGE = 'miniapp/src/pages/orders/probe.tsx';
const KIT = 'cloudfunctions/_kit/probe.ts';

const forbidden: Array<[string, Case]> = [
  ['a cloud function may not import another function’s folder', { file: ORDERS, source: '../../../users/src/index' }],
  ['a cloud function may not import the mini-program', { file: ORDERS, source: '../../../../miniapp/src/services/cloud' }],
  ['a cloud function may not import the local cloud', { file: ORDERS, source: '../../../../mocks/clock' }],
  ['a cloud function may not import the tests', { file: ORDERS, source: '../../../../tests/helpers/clock' }],
  ['the kit may not import a function', { file: KIT, source: '../orders/src/index' }],
  ['shared may not import a cloud function', { file: SHARED, source: '../../cloudfunctions/orders/src/index' }],
  ['shared may not import the kit', { file: SHARED, source: '../../cloudfunctions/_kit/router' }],
  ['shared may not import the local cloud', { file: SHARED, source: '../../mocks/clock' }],
  ['shared may not import the platform SDK', { file: SHARED, source: 'wx-server-sdk' }],
  ['shared may not do I/O through node built-ins', { file: SHARED, source: 'node:fs' }],
  ['a page may not import a cloud function', { file: PAGE, source: '../../../../cloudfunctions/orders/src/index' }],
  ['a page may not import the local cloud', { file: PAGE, source: '../../../../mocks/clock' }],
  ['a page may not import the platform SDK', { file: PAGE, source: 'wx-server-sdk' }],
];

const allowed: Array<[string, Case]> = [
  ['a cloud function may import shared through the alias', { file: ORDERS, source: '@shared/envelope' }],
  ['a cloud function may import shared through a relative path', { file: ORDERS, source: '../../../../shared/envelope' }],
  ['a cloud function may import the kit', { file: ORDERS, source: '../../../_kit/router' }],
  ['a cloud function may import its own folder', { file: ORDERS, source: '../index' }],
  ['shared may import shared through the alias', { file: SHARED, source: '@shared/envelope' }],
  ['shared may import zod', { file: SHARED, source: 'zod' }],
  ['a page may import shared through the alias', { file: PAGE, source: '@shared/envelope' }],
  ['a page may import the mini-program’s services', { file: PAGE, source: '../../services/cloud' }],
];

describe('import boundaries', () => {
  // One child process for every case: starting ESLint with the resolver costs a second or two.
  let verdicts: string[][] = [];
  beforeAll(() => {
    verdicts = lint([...forbidden, ...allowed].map(([, c]) => c));
  }, 60_000);

  forbidden.forEach(([name], i) => {
    test(`${name} (reported)`, () => {
      expect(verdicts[i]).not.toHaveLength(0);
    });
  });

  allowed.forEach(([name], i) => {
    test(`${name} (not reported)`, () => {
      expect(verdicts[forbidden.length + i]).toEqual([]);
    });
  });
});
