import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { LevelProposalView } from '@shared/contracts/lifecycle';
import { levelName, regionName } from '@shared/dealer';

const monthText = (m: string) => `${m.slice(0, 4)} 年 ${Number(m.slice(5, 7))} 月`;

/**
 * One proposal: the dealer, its level now and the one its rating points to, the rating and the
 * scorecard's reasons; a comment (kept by the audit) and 同意调整 / 不同意.
 */
export function ProposalCard({ p, busy, onDecide }: { p: LevelProposalView; busy: boolean; onDecide: (approve: boolean, reason: string) => void }) {
  const [reason, setReason] = useState('');
  const up = p.toLevel < p.fromLevel;
  return (
    <View className={`card dealers-card proposal-card proposal-card-${p.dealerId}`}>
      <View className="dealers-head">
        <Text className="proposal-dealer">{p.dealerName}</Text>
        <Tag type={up ? 'success' : 'warning'}>{up ? '建议升级' : '建议降级'}</Tag>
      </View>
      <Text className="muted">
        {regionName(p.region)} · {monthText(p.month)}评分卡
      </Text>
      <View className="proposal-levels">
        <Text className="proposal-from">{levelName(p.fromLevel)}</Text>
        <Text className="muted"> → </Text>
        <Text className="proposal-to">{levelName(p.toLevel)}</Text>
      </View>
      <Text className="proposal-rating">
        评级 {p.rating} · 综合得分 {p.score}
      </Text>
      {p.reasons.map((r) => (
        <Text key={r} className="muted proposal-reason">
          · {r}
        </Text>
      ))}
      <Input
        className="dealers-input proposal-comment"
        value={reason}
        placeholder="处理意见（必填，至少 2 个字，记入审计）"
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="dealers-actions">
        <Button className="proposal-approve" type="primary" loading={busy} disabled={busy} onClick={() => onDecide(true, reason)}>
          同意调整
        </Button>
        <Button className="proposal-reject" type="danger" disabled={busy} onClick={() => onDecide(false, reason)}>
          不同意
        </Button>
      </View>
    </View>
  );
}
