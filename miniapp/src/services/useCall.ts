import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope, ErrorBody } from '@shared/envelope';

export type CallState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ErrorBody };

/**
 * Runs a cloud call when the page mounts (or once `enabled` turns true) and on `reload()`,
 * exposing loading / ok / error. An answer that arrives after a newer call started is dropped, so
 * the page always shows the latest caller's data (this matters when the local persona changes
 * mid-flight).
 */
export function useCall<T>(run: () => Promise<Envelope<T>>, enabled = true): { state: CallState<T>; reload: (quiet?: boolean) => Promise<void> } {
  const [state, setState] = useState<CallState<T>>({ status: 'loading' });
  const seq = useRef(0);
  const runRef = useRef(run);
  runRef.current = run;

  const reload = useCallback(async (quiet = false) => {
    const mine = ++seq.current;
    if (!quiet) setState({ status: 'loading' });
    const answer = await runRef.current();
    if (mine !== seq.current) return;
    setState(answer.ok ? { status: 'ok', data: answer.data } : { status: 'error', error: answer.error });
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);

  return { state, reload };
}
