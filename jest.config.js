/** Test projects: `npm run test:<project>` runs one; `npm test` runs them all after lint, typecheck and build. */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/', '/dist/', '/cloudfunctions/[^/]+/index\\.js$'],
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // A hang guard, not a speed check (speed is measured by npm run bench): tests drive the local cloud,
  // the simulated app or a browser, and on the 2-core CI machine under two workers a sound case can
  // pass jest's 5 s default (rebates-trust's ten concurrent settlements did once).
  testTimeout: 30_000,
};
module.exports = {
  // Jest reads testTimeout from the global config only: in a project entry it is ignored, so the
  // guard has to stand here (the CI run of 2026-12-03 timed rebates-trust out at the 5 s default).
  testTimeout: common.testTimeout,
  // Longest files first, by the last CI run's durations when jest has no cache of its own (a clean clone).
  testSequencer: '<rootDir>/tests/helpers/sequencer.js',
  projects: [
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/tests/shared/**/*.test.ts'] },
    {
      ...common,
      displayName: 'functions',
      testMatch: ['<rootDir>/tests/functions/**/*.test.ts'],
      // The local cloud refuses queries no declared index serves on large collections.
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/index-check-setup.ts'],
      // The demo data, seeded once per run (or machine) for every file's seededCloud().
      globalSetup: '<rootDir>/tests/helpers/seed-snapshot-setup.ts',
    },
    {
      ...common,
      displayName: 'miniapp',
      testMatch: ['<rootDir>/tests/miniapp/**/*.test.ts'],
      // miniprogram-simulate renders into jsdom; the local cloud beside it still needs Node's
      // builds of its packages, not their browser builds.
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      // The tests load the built mini-program from dist/weapp.
      modulePathIgnorePatterns: [],
      globalSetup: '<rootDir>/tests/helpers/seed-snapshot-setup.ts',
    },
    // The deploy plan and its apply step, driven with fixtures and a fake platform client: no network.
    { ...common, displayName: 'deploy', testMatch: ['<rootDir>/tests/deploy/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'], globalSetup: '<rootDir>/tests/helpers/seed-snapshot-setup.ts' },
  ],
};
