import { SHANGHAI_OFFSET_MS } from './units';

/** Shanghai wall-clock fields of an instant; month and day are 1-based, weekday 0 is Sunday. */
export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Shanghai calendar fields of an instant (epoch ms). */
export function shanghaiParts(at: number): ShanghaiParts {
  // Shifted by the offset, the UTC fields of the Date are Shanghai's wall clock.
  const d = new Date(at + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');
