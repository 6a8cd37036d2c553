import { divide } from './divide';

/** numerator / denominator (integers, denominator > 0) rounded to the nearest fen, halves away from zero (四舍五入). */
export function roundHalfUp(numerator: number, denominator: number): number {
  return divide(numerator, denominator, 'half_up');
}
