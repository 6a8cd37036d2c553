import { pad2, shanghaiParts } from './parts';

/** An instant as Shanghai wall time: 'YYYY-MM-DD HH:mm:ss', or only 'YYYY-MM-DD'. */
export function formatShanghai(ms: number, part: 'date' | 'datetime' = 'datetime'): string {
  const p = shanghaiParts(ms);
  const date = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  if (part === 'date') return date;
  return `${date} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** An instant as Shanghai wall time to the minute, as the screens show it: 'YYYY-MM-DD HH:mm'. */
export function formatShanghaiMinute(ms: number): string {
  return formatShanghai(ms).slice(0, 16);
}
