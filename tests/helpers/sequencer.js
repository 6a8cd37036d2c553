/**
 * Jest's test order: the longest files first, so neither worker is left running a long file alone
 * at the end. Jest's own sequencer does that from its cache of the last run's durations, which a
 * clean CI clone does not have: it then orders by file size, and the page audit (90 s) and
 * demo-any-day (33 s) started in the middle and near the end. Here a duration missing from the
 * cache comes from tests/helpers/test-timings.json (seconds per file, from a CI run; refresh it
 * with `npx tsx scripts/test-timings.ts dist/jest-results.json` after `npm test`). A file in
 * neither (a new one) has no duration, and jest runs those first, largest first.
 * CommonJS: jest loads the sequencer before any transform is set up.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const TIMINGS = require('./test-timings.json');

const ROOT = path.resolve(__dirname, '..', '..');

class LongestFirst extends Sequencer {
  time(test) {
    const cached = super.time(test);
    if (cached != null) return cached;
    const seconds = TIMINGS[path.relative(ROOT, test.path).split(path.sep).join('/')];
    return seconds == null ? undefined : seconds * 1000;
  }
}

module.exports = LongestFirst;
