import { divide } from './divide';

/** numerator / denominator (integers, denominator > 0) rounded towards zero (truncate). */
export function roundDown(numerator: number, denominator: number): number {
  return divide(numerator, denominator, 'down');
}
