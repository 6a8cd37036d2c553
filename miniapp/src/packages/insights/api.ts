import type { InputOf } from '@shared/contract';
import { insights } from '@shared/contracts/insights';
import { callContract } from '../../services/cloud';

type Insights = typeof insights;

/** An insights-function call checked against its contract; the schemas load with this subpackage only. */
export function insightsCall<A extends keyof Insights & string>(action: A, input: InputOf<Insights[A]>) {
  return callContract('insights', action, insights[action], input);
}

/** A relative change as the pages say it: +12.3% / −4.0%, or — when there is nothing to compare. */
export function changeText(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
}

/** '2026-09' → '9月', and '26年9月' in January (and for the first month) so the year shows where it changes. */
export function monthLabel(month: string, i = 1): string {
  const [y, m] = month.split('-');
  return i === 0 || m === '01' ? `${y!.slice(2)}年${Number(m)}月` : `${Number(m)}月`;
}

/** Fen as 万元 with one decimal for chart axes and compact lines. */
export const wan = (fen: number) => Math.round(fen / 100_000) / 10;
