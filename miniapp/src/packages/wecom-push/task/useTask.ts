import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { PushTaskView } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { call } from '../../../services/cloud';
import { loadMe } from '../../../services/session';
import { useCall } from '../../../services/useCall';

/** The task, and whether the caller is HQ (who confirms, refreshes and reminds everyone) rather than a dealer owner. */
async function load(taskId: string): Promise<Envelope<{ view: PushTaskView; admin: boolean }>> {
  const [task, me] = await Promise.all([call('wecom', 'pushTask', { taskId }), loadMe()]);
  if (!task.ok) return task;
  return { ok: true, data: { view: task.data, admin: me.ok && me.data.registered && me.data.role === 'admin' } };
}

/**
 * One content task: its plan before HQ confirms, its execution after (HQ: every dealer and clerk;
 * a dealer owner: their own clerks). `act` runs confirm / refresh / remind and shows the outcome.
 */
export function useTask(taskId: string) {
  const { state, reload } = useCall(() => load(taskId), !!taskId);
  const [busy, setBusy] = useState<string | null>(null);

  async function run(key: string, work: () => Promise<{ ok: true; data: unknown } | { ok: false; error: { message: string } }>, done: (data: never) => string) {
    setBusy(key);
    const res = await work();
    setBusy(null);
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none', duration: 3000 });
    void Taro.showToast({ title: done(res.data as never), icon: 'none' });
    await reload(true);
  }

  return {
    state,
    busy,
    reload,
    confirm: () =>
      run(
        'confirm',
        () => call('wecom', 'pushConfirm', { taskId }),
        (v: PushTaskView) => `已下发给 ${v.totals.clerks} 位导购`,
      ),
    refresh: () =>
      run(
        'refresh',
        () => call('wecom', 'pushTask', { taskId, refresh: true }),
        () => '已更新执行结果',
      ),
    remind: (userId?: string) =>
      run(
        `remind:${userId ?? 'all'}`,
        () => call('wecom', 'pushRemind', userId ? { taskId, userId } : { taskId }),
        (r: { reminded: number; refused: Array<{ reason: string }> }) =>
          r.reminded > 0 ? `已提醒 ${r.reminded} 位导购` : (r.refused[0]?.reason ?? '没有需要提醒的导购'),
      ),
  };
}
