import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { StatementOutput } from '@shared/contracts';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time';
import { call } from '../../../services/cloud';
import type { CallState } from '../../../services/useCall';
import { useCall } from '../../../services/useCall';

/** 'YYYY-MM' of the month before `now`, Asia/Shanghai. */
export function lastMonth(now: number): string {
  return shiftMonthKey(shanghaiMonthKey(now), -1);
}

/**
 * The statement of one month, last month first. `go` moves to another month, never past the
 * current one (`latest`), and asks for it.
 */
export function useStatement(): { month: string; latest: string; go: (m: string) => void; state: CallState<StatementOutput>; reload: () => Promise<void> } {
  const [month, setMonth] = useState(() => lastMonth(Date.now()));
  const latest = lastMonth(Date.now() + 31 * 24 * 3600 * 1000);
  // ?dealerId= when a manager or an admin opens a dealer's statement (洞察's dealer page); a dealer reads its own.
  const dealerId = useRouter().params['dealerId'];
  const { state, reload } = useCall<StatementOutput>(() => call('orders', 'statement', { month, ...(dealerId ? { dealerId } : {}) }));
  const go = (m: string) => {
    if (m === month || m > latest) return;
    setMonth(m);
  };
  // useCall runs on mount; a new month asks again.
  const asked = useRef(month);
  useEffect(() => {
    if (asked.current === month) return;
    asked.current = month;
    void reload();
  }, [month, reload]);
  return { month, latest, go, state, reload: () => reload() };
}
