/**
 * The forecast command's file: `{ "series": [ { "name", "frequency", "values", "h" } ] }`. Checked
 * before anything is fitted, so a bad file is refused whole with the path of the first problem.
 */
import { z } from 'zod';

export const forecastSeriesSchema = z.object({
  name: z.string().min(1).max(200),
  /** Periods a season: 12 monthly, 4 quarterly, 52 weekly (above 24 no seasonal model is tried), 1 none. */
  frequency: z.number().int().min(1).max(366),
  values: z.array(z.number().finite()).min(1).max(100_000),
  h: z.number().int().min(1).max(1000),
});
export const forecastFileSchema = z.object({ series: z.array(forecastSeriesSchema).min(1) });
export type ForecastFile = z.infer<typeof forecastFileSchema>;
