import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { usePersonaReload } from '../components/PersonaReload';

/**
 * A page whose data moves while it is open elsewhere (orders, approvals, rebates): ask again
 * quietly (`quiet` = keep showing what is there) whenever the page comes back into view, on
 * pull-down (stopping the indicator when the answer is in), and afresh when the local persona
 * changes. The first showing is the mount's own load, so it is not asked twice.
 */
export function useLivePage(reload: (quiet: boolean) => Promise<void>): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload(true);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  usePersonaReload(() => void reload(false));
}
