import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { WalletPolicy } from '@shared/offboarding/types';
import type { StartInput } from './useOffboarding';
import { useSuccessors } from './useSuccessors';

const POLICIES: Array<[WalletPolicy, string]> = [
  ['offset_receivable', '先抵扣欠款，余额退还'],
  ['pay_out', '全部退还经销商'],
];

/**
 * Starting an offboarding: who takes over (the brand, or another active dealer of the caller's
 * regions — its clerks get the WeCom customers and its second-tier dealers), what happens to the
 * rebate wallet, and why (kept by the audit).
 */
export function StartForm({ dealerId, busy, onStart }: { dealerId: string; busy: boolean; onStart: (input: StartInput) => void }) {
  const successors = useSuccessors(dealerId);
  const [form, setForm] = useState<{ successor: string | null; policy: WalletPolicy; reason: string }>({
    successor: null,
    policy: 'offset_receivable',
    reason: '',
  });
  const chip = (on: boolean) => `dealers-chip ${on ? 'dealers-chip-on' : ''}`;
  const submit = () =>
    onStart({
      successor: form.successor ? { kind: 'dealer', dealerId: form.successor } : { kind: 'brand' },
      walletPolicy: form.policy,
      reason: form.reason,
    });
  return (
    <View className="card dealers-card offboarding-start">
      <Text className="dealers-head">接替方</Text>
      <View className="dealers-chips">
        <Text className={`${chip(form.successor === null)} offboarding-successor-brand`} onClick={() => setForm({ ...form, successor: null })}>
          品牌方接管
        </Text>
        {successors.items.map((d) => (
          <Text key={d.id} className={`${chip(form.successor === d.id)} offboarding-successor`} onClick={() => setForm({ ...form, successor: d.id })}>
            {d.name}
          </Text>
        ))}
        {successors.cursor ? (
          <Text className="dealers-chip offboarding-successor-more" onClick={successors.more}>
            {successors.loading ? '加载中…' : '加载更多经销商'}
          </Text>
        ) : null}
      </View>
      {successors.error ? (
        <Text className="offboarding-error" onClick={successors.retry}>
          经销商列表加载失败：{successors.error}（点此重试）
        </Text>
      ) : null}
      <Text className="dealers-head">返利钱包余额</Text>
      <View className="dealers-chips">
        {POLICIES.map(([code, label]) => (
          <Text key={code} className={`${chip(form.policy === code)} offboarding-policy-${code}`} onClick={() => setForm({ ...form, policy: code })}>
            {label}
          </Text>
        ))}
      </View>
      <Input
        className="dealers-input offboarding-reason"
        value={form.reason}
        placeholder="清退原因（必填，记入审计）"
        onInput={(e) => setForm({ ...form, reason: e.detail.value })}
      />
      <Button className="offboarding-submit" type="danger" block loading={busy} disabled={busy} onClick={submit}>
        开始清退
      </Button>
    </View>
  );
}
