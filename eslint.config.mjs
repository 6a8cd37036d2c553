// ESLint flat config. The import-direction rules are the design's "miniapp -> shared,
// cloudfunctions -> shared, never shared -> anything", enforced here rather than by memory.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = fileURLToPath(new URL('.', import.meta.url));

// Package names (not paths) a part may not use: the path boundaries below can't see them,
// because what matters is the package, not where npm put it.
const bannedPackages = (names, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: names, message }] }],
});

// The boundaries, by where an import *resolves* to, so `@shared/x`, `../../shared/x` and
// `../../../miniapp/x` are judged alike. Each zone is an allow-list: everything under the
// repo root is forbidden to the target except the listed folders (and installed packages,
// which bannedPackages judges by name).
const zone = (target, allowed, message) => ({ target, from: './', except: [...allowed, './node_modules'], message });
const functionFolders = readdirSync(new URL('./cloudfunctions/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => entry.name);
const boundaryZones = [
  zone('./shared', ['./shared'], 'shared/ is pure and imports nothing outside shared/.'),
  zone(
    './miniapp/src',
    ['./miniapp/src', './miniapp/types', './shared'],
    'The mini-program imports only shared/ and its own code; it reaches the backend through src/services/cloud.ts.',
  ),
  // Infrastructure knows no capability; capabilities build on the kit.
  zone('./cloudfunctions/_kit', ['./cloudfunctions/_kit', './shared'], 'cloudfunctions/_kit is infrastructure: it imports only shared/ and itself.'),
  zone(
    './cloudfunctions/_capabilities',
    ['./cloudfunctions/_capabilities', './cloudfunctions/_kit', './shared'],
    'A capability module imports only shared/, the kit and other capabilities.',
  ),
  ...functionFolders.map((name) =>
    zone(
      `./cloudfunctions/${name}`,
      [`./cloudfunctions/${name}`, './cloudfunctions/_kit', './cloudfunctions/_capabilities', './shared'],
      'A cloud function imports shared/, _kit, _capabilities and its own folder only: it is bundled alone and runs unchanged in the cloud.',
    ),
  ),
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'cloudfunctions/*/index.js', '**/*.generated.*', 'tests/.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      // Typed linting, for no-floating-promises: each file is checked against the tsconfig that includes it.
      parserOptions: { projectService: { allowDefaultProject: ['miniapp/tools/*.ts'] }, tsconfigRootDir: root },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // An un-awaited write in a handler finishes after the response (or not at all in the cloud,
      // where the instance freezes); intentional fire-and-forget says so with `void` and a comment.
      '@typescript-eslint/no-floating-promises': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...bannedPackages(
        ['wx-server-sdk', '@tarojs/*', 'node:*', 'fs', 'path', 'http', 'crypto', 'better-sqlite3', 'mingo'],
        'shared/ is pure: no I/O, no platform imports (zod and dayjs are fine).',
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ has no clock: take `now` as a parameter.' },
        { object: 'Math', property: 'random', message: 'shared/ is deterministic: take randomness as a parameter.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'shared/ has no clock: take `now` as a parameter.' },
      ],
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...bannedPackages(['wx-server-sdk', 'node:*'], 'The mini-program talks to the backend only through src/services/cloud.ts.'),
      'react-hooks/rules-of-hooks': 'error',
      // An error, not a warning: a missing dependency is a stale closure (a quote for the old cart),
      // and warnings pile up unread. A deliberate omission says why in an eslint-disable comment.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: bannedPackages(['@tarojs/*'], 'Cloud functions run in the cloud: no mini-program packages.'),
  },
);
