import { z } from 'zod';

/** The largest amount anywhere, in fen: ¥10 亿, small enough that products with basis points stay exact. */
export const FEN_MAX = 100_000_000_000;

/**
 * Integer fen within [min, max]. One bound each way, so a refusal names one bound; every fen
 * schema in shared/ is built here.
 */
export function fenWithin(min: number, max: number = FEN_MAX): z.ZodNumber {
  return z.number().int().min(min).max(max);
}

/** An amount of money in integer fen (分), never negative; capped at ¥10 亿 so products stay exact. */
export const fenSchema = fenWithin(0);

/** A signed amount in integer fen (a credit > 0, a debit or a return < 0), at most ¥10 亿 either way. */
export const signedFenSchema = fenWithin(-FEN_MAX);
