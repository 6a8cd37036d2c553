import { divide } from './divide';

/** numerator / denominator (integers, denominator > 0) rounded away from zero. */
export function roundUp(numerator: number, denominator: number): number {
  return divide(numerator, denominator, 'up');
}
