import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { DealerDetail } from '@shared/contracts/dealers';
import { DEALER_LEVELS } from '@shared/dealer';

export interface ManageActions {
  setCredit: (creditLimitFen: number, paymentTermDays: number, reason: string) => void;
  setOrdering: (suspended: boolean, reason: string) => void;
  setLevel: (level: keyof typeof DEALER_LEVELS, reason: string) => void;
}

/** Managers' and admins' changes, each with the reason the audit log keeps: credit and terms, ordering, level (admins). */
export function ManagePanel({ dealer, admin, busy, actions }: { dealer: DealerDetail; admin: boolean; busy: boolean; actions: ManageActions }) {
  const [v, setV] = useState({ limitWan: String(dealer.credit.creditLimit / 1_000_000), days: String(dealer.credit.paymentTermDays), reason: '' });
  return (
    <View className="card dealers-card manage-panel">
      <Text className="dealers-head">调整</Text>
      <Input
        className="dealers-input manage-limit"
        type="digit"
        value={v.limitWan}
        placeholder="信用额度（万元）"
        onInput={(e) => setV({ ...v, limitWan: e.detail.value })}
      />
      <Input
        className="dealers-input manage-days"
        type="number"
        value={v.days}
        placeholder="账期（天）"
        onInput={(e) => setV({ ...v, days: e.detail.value })}
      />
      <Input
        className="dealers-input manage-reason"
        value={v.reason}
        placeholder="原因（必填，记入审计）"
        onInput={(e) => setV({ ...v, reason: e.detail.value })}
      />
      <View className="dealers-actions">
        <Button
          className="manage-credit"
          type="primary"
          size="small"
          disabled={busy}
          onClick={() => actions.setCredit(Math.round(Number(v.limitWan) * 1_000_000), Number(v.days), v.reason)}
        >
          保存额度与账期
        </Button>
        <Button
          className="manage-ordering"
          type={dealer.status === 'active' ? 'danger' : 'success'}
          size="small"
          disabled={busy}
          onClick={() => actions.setOrdering(dealer.status === 'active', v.reason)}
        >
          {dealer.status === 'active' ? '暂停下单' : '恢复下单'}
        </Button>
      </View>
      {admin ? (
        <View className="dealers-chips">
          {Object.entries(DEALER_LEVELS).map(([code, name]) => (
            <Text
              key={code}
              className={`dealers-chip manage-level-${code} ${dealer.level === code ? 'dealers-chip-on' : ''}`}
              onClick={() => actions.setLevel(code as keyof typeof DEALER_LEVELS, v.reason)}
            >
              {name}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
