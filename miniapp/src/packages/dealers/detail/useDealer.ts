import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { InvitationView } from '@shared/contracts/dealers';
import type { Envelope } from '@shared/envelope';
import { knownMe } from '../../../services/session';
import { useCall } from '../../../services/useCall';
import { dealersCall } from '../api';

/**
 * One dealer's page: managers open it from 经销商 (?dealerId=), an owner from 我的 (its own
 * dealer). `act` runs a change, says what went wrong, and reads the page again.
 */
export function useDealer() {
  const me = knownMe();
  const own = me?.registered ? me.dealer?.id : undefined;
  const dealerId = useRouter().params['dealerId'] ?? own ?? '';
  const role = me?.registered ? me.role : null;
  const { state, reload } = useCall(() => dealersCall('get', { dealerId }));
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async <T>(work: () => Promise<Envelope<T>>, done: string): Promise<T | null> => {
    setBusy(true);
    const answer = await work();
    setBusy(false);
    if (!answer.ok) {
      void Taro.showToast({ title: answer.error.issues?.[0]?.message ?? answer.error.message, icon: 'none' });
      return null;
    }
    void Taro.showToast({ title: done, icon: 'success' });
    await reload(true);
    return answer.data;
  };

  const invite = async (staffRole: 'owner' | 'buyer' | 'clerk', name: string) => {
    const out = await act(() => dealersCall('inviteStaff', { staffRole, name, ...(role === 'dealer' ? {} : { dealerId }) }), '邀请码已生成');
    if (out) setInvitation(out.invitation);
  };

  return { dealerId, role, state, reload, invitation, busy, act, invite };
}
