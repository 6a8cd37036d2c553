// ESLint flat config. The import-direction rules are the design's "miniapp -> shared,
// cloudfunctions -> shared, never shared -> anything", enforced here rather than by memory.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'cloudfunctions/*/index.js', '**/*.generated.*', 'tests/.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(
        ['wx-server-sdk', '@tarojs/*', 'node:*', 'fs', 'path', 'http', 'crypto', 'better-sqlite3', 'mingo', '**/cloudfunctions/**', '**/mocks/**', '**/miniapp/**', '../../*'],
        'shared/ is pure: no I/O, no platform imports, nothing outside shared/ (zod and dayjs are fine).',
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
    rules: restrict(['wx-server-sdk', '**/cloudfunctions/**', '**/mocks/**', 'node:*'], 'The mini-program talks to the backend only through src/services/cloud.ts and imports only shared/.'),
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: restrict(['@tarojs/*', '**/miniapp/**', '**/mocks/**', '**/tests/**'], 'Cloud functions import shared/ and their kit only; they run unchanged in the cloud.'),
  },
);
