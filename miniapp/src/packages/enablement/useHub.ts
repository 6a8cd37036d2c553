import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ResourceItem } from '@shared/contracts/enablement';
import { enablementCall } from './api';
import { openResource } from './open';

type List = { items: ResourceItem[]; newCount: number; mustReadCount: number };
export type HubState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; list: List };

/** The hub's list, and opening a resource: the file opens, the reading is recorded (once per version), the list refreshes. */
export function useHub() {
  const [state, setState] = useState<HubState>({ status: 'loading' });
  const [video, setVideo] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await enablementCall('resources', {});
    setState(res.ok ? { status: 'ok', list: res.data } : { status: 'error', message: res.error.message });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
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
  return { state, reload: load, open, video, closeVideo: () => setVideo(null) };
}
