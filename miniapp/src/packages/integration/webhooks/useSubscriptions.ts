import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { OutboxEventType } from '@shared/integration/outbox';
import { useCall } from '../../../services/useCall';
import { integrationCall } from '../api';

export interface SubscriptionForm {
  partner: string;
  url: string;
  events: OutboxEventType[];
}

const EMPTY: SubscriptionForm = { partner: '', url: 'https://', events: [] };

/**
 * The webhook subscriptions page's data: every subscription (integration.subscriptions), the new
 * subscription form, the secret of the one just created (shown once), and the one being disabled;
 * `enable` resumes a disabled one.
 */
export function useSubscriptions() {
  const { state, reload } = useCall(() => integrationCall('subscriptions', {}));
  const [form, setForm] = useState<SubscriptionForm | null>(null);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const [disabling, setDisabling] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const done = async (title: string) => {
    setBusy(null);
    void Taro.showToast({ title, icon: 'none' });
    await reload(true);
  };
  const create = async () => {
    if (!form) return;
    if (form.events.length === 0) return void Taro.showToast({ title: '请至少选择一个事件', icon: 'none' });
    setBusy('create');
    const answer = await integrationCall('createSubscription', form);
    if (answer.ok) {
      setForm(null);
      setCreated({ id: answer.data.subscription.id, secret: answer.data.secret });
    }
    await done(answer.ok ? '订阅已创建' : answer.error.message);
  };
  const disable = async (reason: string): Promise<boolean> => {
    if (!disabling) return false;
    setBusy(disabling);
    const answer = await integrationCall('disableSubscription', { id: disabling, reason });
    if (answer.ok) setDisabling(null);
    await done(answer.ok ? '已停用，不再推送新事件' : answer.error.message);
    return answer.ok;
  };
  const enable = async (id: string) => {
    setBusy(id);
    const answer = await integrationCall('updateSubscription', { id, enable: true });
    await done(answer.ok ? '已恢复推送' : answer.error.message);
  };
  return {
    state,
    reload,
    form,
    edit: (patch: Partial<SubscriptionForm>) => setForm({ ...(form ?? EMPTY), ...patch }),
    closeForm: () => setForm(null),
    create,
    created,
    forgetSecret: () => setCreated(null),
    disabling,
    setDisabling,
    disable,
    enable,
    busy,
  };
}
