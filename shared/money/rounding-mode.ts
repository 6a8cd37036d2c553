/**
 * How a division of integer fen that does not come out even is rounded. Every rounding in
 * the system names one of these; there is no implicit rounding.
 *
 * - `half_up`:   to the nearest fen, halves away from zero (四舍五入). The default for prices.
 * - `half_even`: to the nearest fen, halves to the even neighbour (银行家舍入).
 * - `down`:      towards zero (truncate): the buyer never pays a fraction more.
 * - `up`:        away from zero.
 */
export const ROUNDING_MODES = ['half_up', 'half_even', 'down', 'up'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
