/** Dynamic rating (动态评级): monthly scorecards from real data, A–D with hysteresis, level proposals. */
export * from './types';
export * from './score';
export * from './scorecard';
