import { useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { LevelProposalView } from '@shared/contracts/lifecycle';
import { useCall } from '../../../services/useCall';
import { lifecycleCall } from '../api';

/** Cards drawn at a time: the action answers at most 200, a page of 20 keeps the first paint light. */
const PAGE = 20;

/**
 * The pending level proposals of the manager's regions (?dealerId= keeps one dealer's), newest
 * first, shown 20 at a time (more on reaching the bottom), and the decision: approve or reject
 * with a comment the audit keeps. A decided card leaves the list.
 */
export function useProposals() {
  const dealerId = useRouter().params['dealerId'];
  const { state, reload } = useCall(() => lifecycleCall('levelProposals', { status: 'pending' }));
  const [shown, setShown] = useState(PAGE);
  const [busy, setBusy] = useState<string | null>(null);
  usePullDownRefresh(() => void reload(true).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => setShown((n) => n + PAGE));

  const all: LevelProposalView[] = state.status === 'ok' ? state.data.items.filter((p) => !dealerId || p.dealerId === dealerId) : [];
  const decide = async (p: LevelProposalView, approve: boolean, reason: string): Promise<boolean> => {
    if (reason.trim().length < 2) {
      void Taro.showToast({ title: '请先填写处理意见（至少 2 个字）', icon: 'none' });
      return false;
    }
    setBusy(p.id);
    const answer = await lifecycleCall('decideLevelProposal', { proposalId: p.id, approve, reason });
    setBusy(null);
    if (!answer.ok) {
      void Taro.showToast({ title: answer.error.issues?.[0]?.message ?? answer.error.message, icon: 'none' });
      return false;
    }
    void Taro.showToast({ title: approve ? '已同意，等级已调整' : '已驳回', icon: 'success' });
    await reload(true);
    return true;
  };
  return { state, reload, items: all.slice(0, shown), total: all.length, more: all.length > shown, busy, decide, oneDealer: Boolean(dealerId) };
}
