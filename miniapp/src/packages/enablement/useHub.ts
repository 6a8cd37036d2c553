import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ResourceItem } from '@shared/contracts/enablement';
import { knownMe } from '../../services/session';
import { enablementCall } from './api';
import { openResource } from './open';

type List = { items: ResourceItem[]; newCount: number; mustReadCount: number };
export type HubState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; list: List };

/**
 * The hub's list, and opening a resource: the file opens, the reading is recorded (once per
 * version), the list refreshes. Managers and admins also follow must-reads (MustReadPanel);
 * an admin reads nothing here, so the list is not asked for them.
 */
export function useHub() {
  const me = knownMe();
  const role = me?.registered ? me.role : null;
  const [state, setState] = useState<HubState>({ status: 'loading' });
  const [video, setVideo] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await enablementCall('resources', {});
    setState(res.ok ? { status: 'ok', list: res.data } : { status: 'error', message: res.error.message });
  }, []);
  useEffect(() => {
    if (role !== 'admin') void load();
  }, [load, role]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  const open = useCallback(
    async (item: ResourceItem) => {
      try {
        setVideo(await openResource(item));
      } catch {
        await Taro.showToast({ title: '资料打开失败，请稍后重试', icon: 'none' });
        return;
      }
      const r = await enablementCall('markRead', { resourceId: item.id, version: item.version });
      if (r.ok && r.data.recorded) await load();
      else if (!r.ok && r.error.code === 'CONFLICT') await load();
    },
    [load],
  );
  return { role, state, reload: load, open, video, closeVideo: () => setVideo(null) };
}
