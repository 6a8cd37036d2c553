/**
 * Money is integer fen (分). Nothing here uses floating-point fractions of a fen: percentages
 * are basis points (10000 = 100 %), every division names its rounding mode, and splitting a
 * total across lines uses one rule, largest remainder (see allocate).
 */
export { allocate } from './allocate';
export { divide } from './divide';
export { FEN_MAX, fenSchema, fenWithin, signedFenSchema } from './fen-schema';
export { formatFen } from './format-fen';
export { BASIS_POINTS, multiplyRatio, percentOf } from './percent-of';
export { roundDown } from './round-down';
export { roundHalfEven } from './round-half-even';
export { roundHalfUp } from './round-half-up';
export { roundUp } from './round-up';
export { ROUNDING_MODES } from './rounding-mode';
export type { RoundingMode } from './rounding-mode';
