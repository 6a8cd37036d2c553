import { DAY_MS, shanghaiMidnightOf } from '../time';

/** The instants [startAt, endAt) of a campaign period of Shanghai days, both days included. */
export function periodRange(period: { from: string; to: string }): { startAt: number; endAt: number } {
  return { startAt: shanghaiMidnightOf(period.from), endAt: shanghaiMidnightOf(period.to) + DAY_MS };
}
