import type { Evaluation } from '@shared/rebates/evaluate';
import { formatYuan } from '@shared/orders/format';

/**
 * How one policy's standing reads on the 返利 tab. The numbers all come from rebates.progress
 * (the server's evaluation); this only turns them into words and a bar.
 *
 * Units: amount measures are fen, qty measures are base units (件); rates are basis points.
 */

/** A value of the policy's measure: fen as grouped yuan, quantities in 件. */
export function measureText(measure: Evaluation['measure'], value: number): string {
  return measure === 'amount' ? formatYuan(value) : `${String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 件`;
}

/** Basis points as people say a rate: 1000 -> '10%', 150 -> '1.5%'. */
export function percentText(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** '已达第 2 档 · 返 2%', '已达第 1 档 · 每件返 ¥0.02', or '未达第 1 档'. */
export function tierText(e: Evaluation): string {
  const t = e.tierReached;
  if (!t) return e.nextTier ? `未达第 ${e.nextTier.index + 1} 档` : '未达返利档位';
  const rate = t.rateBp !== null ? ` · 返 ${percentText(t.rateBp)}` : t.perUnitFen !== null ? ` · 每件返 ${formatYuan(t.perUnitFen)}` : '';
  return `已达第 ${t.index + 1} 档${rate}`;
}

export interface Bar {
  /** 0–100, the share of the way from the tier reached (or zero) to the next tier's threshold. */
  percent: number;
  /** Under the bar, right: where the bar ends. */
  goal: string;
}

/**
 * The bar from the tier reached to the next one: basis against the next threshold, starting at
 * the reached tier's threshold (zero before the first tier), so each tier starts an empty bar.
 * Null when the policy has no tiers to climb (nothing reached, nothing next).
 */
export function barOf(e: Evaluation): Bar | null {
  if (e.nextTier) {
    const from = e.tierReached?.threshold ?? 0;
    const span = e.nextTier.threshold - from;
    const done = span > 0 ? ((e.basis - from) * 100) / span : 100;
    return { percent: Math.max(0, Math.min(100, Math.floor(done))), goal: `第 ${e.nextTier.index + 1} 档 ${measureText(e.measure, e.nextTier.threshold)}` };
  }
  if (e.tierReached) return { percent: 100, goal: e.final ? `第 ${e.tierReached.index + 1} 档` : '已达最高档' };
  return null;
}
