import { divide } from './divide';

/** numerator / denominator (integers, denominator > 0) rounded to the nearest fen, halves to the even neighbour (银行家舍入). */
export function roundHalfEven(numerator: number, denominator: number): number {
  return divide(numerator, denominator, 'half_even');
}
