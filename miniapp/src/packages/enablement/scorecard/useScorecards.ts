import { useCallback, useEffect, useState } from 'react';
import type { ScorecardView } from '@shared/contracts/lifecycle';
import { lifecycleCall } from '../api';

export type ScorecardsState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; items: ScorecardView[] };

/** The dealer's scorecards, newest first (lifecycle.scorecards: the caller's own dealer). */
export function useScorecards() {
  const [state, setState] = useState<ScorecardsState>({ status: 'loading' });
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const res = await lifecycleCall('scorecards', { limit: 12 });
    setState(res.ok ? { status: 'ok', items: res.data.items } : { status: 'error', message: res.error.message });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return { state, reload: load };
}
