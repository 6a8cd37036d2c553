import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { DealerDetail, InvitationView } from '@shared/contracts/dealers';
import { InviteQr } from '../components/InviteQr';

const STAFF_LABELS = { owner: '负责人', buyer: '采购', clerk: '导购' } as const;

/**
 * The dealer's people and open invitations: invite a buyer or a clerk (managers also an owner) by
 * code and QR, or remove someone; removing a clerk starts their WeCom customers' hand-over.
 */
export function StaffPanel(p: {
  dealer: DealerDetail;
  manager: boolean;
  invitation: InvitationView | null;
  busy: boolean;
  onInvite: (role: 'owner' | 'buyer' | 'clerk', name: string) => void;
  onRemove: (userId: string, reason: string) => void;
}) {
  const [name, setName] = useState('');
  const roles = p.manager ? (['owner', 'buyer', 'clerk'] as const) : (['buyer', 'clerk'] as const);
  return (
    <View className="card dealers-card staff-panel">
      <Text className="dealers-head">人员</Text>
      {p.dealer.staff.map((s) => (
        <View key={s.userId} className={`dealers-row staff-member staff-${s.staffRole}`}>
          <Text>
            {s.name} · {STAFF_LABELS[s.staffRole]}
            {s.status === 'disabled' ? '（已移除）' : ''}
          </Text>
          {s.status === 'active' && s.staffRole !== 'owner' ? (
            <Button className="staff-remove" size="small" disabled={p.busy} onClick={() => p.onRemove(s.userId, '经销商移除人员')}>
              移除
            </Button>
          ) : null}
        </View>
      ))}
      <Input className="dealers-input staff-name" value={name} placeholder="被邀请人姓名" onInput={(e) => setName(e.detail.value)} />
      <View className="dealers-actions">
        {roles.map((r) => (
          <Button
            key={r}
            className={`staff-invite staff-invite-${r}`}
            size="small"
            disabled={p.busy || name.trim() === ''}
            onClick={() => p.onInvite(r, name.trim())}
          >
            邀请{STAFF_LABELS[r]}
          </Button>
        ))}
      </View>
      {p.invitation ? <InviteQr invitation={p.invitation} /> : null}
      {p.dealer.invitations.length > 0 ? (
        <Text className="muted">未使用的邀请码：{p.dealer.invitations.map((i) => `${i.code}（${STAFF_LABELS[i.staffRole]} ${i.name}）`).join('、')}</Text>
      ) : null}
    </View>
  );
}
