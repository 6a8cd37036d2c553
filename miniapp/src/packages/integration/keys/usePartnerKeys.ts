import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { PartnerScope } from '@shared/openapi/types';
import { useCall } from '../../../services/useCall';
import { openapiCall } from '../api';

export interface KeyForm {
  partner: string;
  name: string;
  scopes: PartnerScope[];
}

const EMPTY: KeyForm = { partner: '', name: '', scopes: [] };

/**
 * The partner keys page's data: every key (openapi.partnerKeys), the new-key form, the secret of
 * the key just created (shown once, then gone from memory too), and the key being revoked.
 */
export function usePartnerKeys() {
  const { state, reload } = useCall(() => openapiCall('partnerKeys', {}));
  const [form, setForm] = useState<KeyForm | null>(null);
  const [created, setCreated] = useState<{ keyId: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const create = async () => {
    if (!form) return;
    setBusy('create');
    const answer = await openapiCall('createPartnerKey', form);
    setBusy(null);
    if (!answer.ok) return void Taro.showToast({ title: answer.error.message, icon: 'none' });
    setForm(null);
    setCreated({ keyId: answer.data.key.keyId, secret: answer.data.secret });
    await reload(true);
  };
  const revoke = async (reason: string): Promise<boolean> => {
    if (!revoking) return false;
    setBusy(revoking);
    const answer = await openapiCall('revokePartnerKey', { keyId: revoking, reason });
    setBusy(null);
    void Taro.showToast({ title: answer.ok ? '已吊销，此密钥立即失效' : answer.error.message, icon: 'none' });
    if (answer.ok) setRevoking(null);
    await reload(true);
    return answer.ok;
  };
  return {
    state,
    reload,
    form,
    edit: (patch: Partial<KeyForm>) => setForm({ ...(form ?? EMPTY), ...patch }),
    closeForm: () => setForm(null),
    create,
    created,
    forgetSecret: () => setCreated(null),
    revoking,
    setRevoking,
    revoke,
    busy,
  };
}
