import { z } from 'zod';

/**
 * An instant as epoch ms, the one schema for it: a whole number from 1970 to the last instant a
 * JavaScript Date can hold (8.64e15 ms), so every accepted value formats and compares as a date.
 */
export const instantSchema = z.number().int().min(0).max(8_640_000_000_000_000);
