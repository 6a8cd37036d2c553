import { z } from 'zod';

/** An amount of money in integer fen (分), never negative; capped at ¥10 亿 so products stay exact. */
export const fenSchema = z.number().int().min(0).max(100_000_000_000);
