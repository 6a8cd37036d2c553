import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { InputOf } from '@shared/contract';
import type { lifecycle } from '@shared/contracts/lifecycle';
import type { Envelope } from '@shared/envelope';
import { useCall } from '../../../services/useCall';
import { dealersCall, lifecycleCall } from '../api';

export type StartInput = Omit<InputOf<typeof lifecycle.startOffboarding>, 'dealerId'>;

/**
 * One dealer's offboarding (?dealerId=): the dealer, and its offboarding if one was started
 * (lifecycle.offboarding answers NOT_FOUND until then). `start` asks for confirmation first —
 * ordering stops at once — and `retry` runs the steps not done yet again; both show the steps
 * as the function left them.
 */
export function useOffboarding() {
  const dealerId = useRouter().params['dealerId'] ?? '';
  const dealer = useCall(() => dealersCall('get', { dealerId }));
  const run = useCall(() => lifecycleCall('offboarding', { dealerId }));
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => void Promise.all([dealer.reload(true), run.reload(true)]).finally(() => Taro.stopPullDownRefresh()));

  const act = async (work: () => Promise<Envelope<unknown>>, done: string) => {
    setBusy(true);
    const answer = await work();
    setBusy(false);
    if (!answer.ok) return void Taro.showToast({ title: answer.error.issues?.[0]?.message ?? answer.error.message, icon: 'none' });
    void Taro.showToast({ title: done, icon: 'none' });
    await run.reload(true);
  };
  const start = async (input: StartInput) => {
    if (input.reason.trim().length < 2) return void Taro.showToast({ title: '请填写清退原因（至少 2 个字）', icon: 'none' });
    const name = dealer.state.status === 'ok' ? dealer.state.data.name : '该经销商';
    const ok = await Taro.showModal({
      title: '确认清退',
      content: `${name}将立即停止下单，并依次处理订单、返利、钱包、客户与下级经销商。`,
      confirmText: '开始清退',
    });
    if (ok.confirm) await act(() => lifecycleCall('startOffboarding', { dealerId, ...input }), '已开始清退');
  };
  const retry = (takeover: string) =>
    act(() => lifecycleCall('runOffboarding', { dealerId, ...(takeover.trim() ? { takeoverWecomUserId: takeover.trim() } : {}) }), '已重新执行');

  const notStarted = run.state.status === 'error' && run.state.error.code === 'NOT_FOUND';
  return { dealerId, dealer: dealer.state, run: run.state, notStarted, busy, start, retry, reload: () => void Promise.all([dealer.reload(), run.reload()]) };
}
