import { parsePeriod, periodLabel } from './period';

/**
 * Text people read, with the keys the rules keep replaced by what people call them: a period key
 * (2026-Q3, 2026-07) becomes its one label (2026年第3季度, 2026年7月: periodLabel, the same words
 * everywhere), and a category id (cat-01) its name when `categoryNames` knows it. Dates
 * (2026-07-15) are left alone. Stored texts written before keep working: this runs on reading.
 */
export function readableText(text: string, categoryNames?: ReadonlyMap<string, string>): string {
  const periods = text.replace(/(?<![\d-])(\d{4}-(?:Q[1-4]|0[1-9]|1[0-2]))(?![\d-])/g, (key) => (parsePeriod(key) ? periodLabel(key) : key));
  if (!categoryNames || categoryNames.size === 0) return periods;
  return periods.replace(/(?<![\w-])cat-[\w-]+/g, (id) => categoryNames.get(id) ?? id);
}
