import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { ApplicationView, InvitationView } from '@shared/contracts/dealers';
import { DEALER_LEVELS } from '@shared/dealer';
import { formatFen } from '@shared/money';
import { dealersCall } from '../api';
import { InviteQr } from '../components/InviteQr';

const OUTCOME = { pass: '通过', review: '需人工判断', needs_info: '需补充', reject: '不符合' } as const;

/** The form's figures, the licence, and every admission rule's contribution to the score. */
function Screening({ a }: { a: ApplicationView }) {
  return (
    <View className="review-screening">
      <Text className="muted">
        {a.province.name} {a.city.name} {a.district.name} · 申请 {DEALER_LEVELS[a.desiredLevel as keyof typeof DEALER_LEVELS] ?? a.desiredLevel} · 门店{' '}
        {a.stores} 家 · 年销售 {formatFen(a.annualSalesFen)}
      </Text>
      <Text className="muted">
        法人 {a.legalRep} · 联系人 {a.contactName} {a.mobile} · 营业执照{a.licenceFileId ? '已上传' : '未上传'}
      </Text>
      <Text className="review-score">初筛得分 {a.screening.score}</Text>
      {a.screening.contributions.map((c) => (
        <View key={c.code} className={`dealers-rule dealers-rule-${c.outcome} review-rule-${c.code}`}>
          <Text>
            {c.title}：{OUTCOME[c.outcome]}（{c.points >= 0 ? '+' : ''}
            {c.points}）
          </Text>
          <Text className="muted">{c.note}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * One application in the queue: its screening, then 通过 with level, credit limit and terms (and
 * a parent for a second-tier dealer), 补充资料 or 驳回 with a reason. Approval shows the owner's
 * invitation to hand over.
 */
export function ReviewCard({ a, onDone }: { a: ApplicationView; onDone: () => void }) {
  const [terms, setTerms] = useState({ level: a.desiredLevel, limitWan: '5', days: '30', parent: '' });
  const [reason, setReason] = useState('');
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => ReturnType<typeof dealersCall>) => {
    setBusy(true);
    const answer = await work();
    setBusy(false);
    if (!answer.ok) return void Taro.showToast({ title: answer.error.issues?.[0]?.message ?? answer.error.message, icon: 'none' });
    if ('invitation' in answer.data) setInvitation(answer.data.invitation as InvitationView);
    else onDone();
  };
  const approve = () =>
    run(() =>
      dealersCall('approve', {
        applicationId: a.id,
        level: terms.level as keyof typeof DEALER_LEVELS,
        parentDealerId: terms.parent.trim() || null,
        creditLimitFen: Math.round(Number(terms.limitWan) * 1_000_000),
        paymentTermDays: Number(terms.days),
      }),
    );
  return (
    <View className={`card dealers-card review-card review-card-${a.id}`}>
      <View className="dealers-head">
        <Text className="review-company">{a.company}</Text>
        <Tag type={a.screening.reasons.length > 0 ? 'warning' : 'success'}>{a.statusLabel}</Tag>
      </View>
      <Text className="muted">{a.creditCode}</Text>
      <Screening a={a} />
      {invitation ? (
        <View className="review-invitation">
          <InviteQr invitation={invitation} />
          <Button className="review-next" block onClick={onDone}>
            下一份
          </Button>
        </View>
      ) : (
        <View className="review-decide">
          <View className="dealers-chips">
            {Object.entries(DEALER_LEVELS).map(([code, name]) => (
              <Text
                key={code}
                className={`dealers-chip review-level-${code} ${terms.level === code ? 'dealers-chip-on' : ''}`}
                onClick={() => setTerms({ ...terms, level: code })}
              >
                {name}
              </Text>
            ))}
          </View>
          <Input
            className="dealers-input review-limit"
            type="digit"
            value={terms.limitWan}
            placeholder="信用额度（万元）"
            onInput={(e) => setTerms({ ...terms, limitWan: e.detail.value })}
          />
          <Input
            className="dealers-input review-days"
            type="number"
            value={terms.days}
            placeholder="账期（天）"
            onInput={(e) => setTerms({ ...terms, days: e.detail.value })}
          />
          <Input
            className="dealers-input review-parent"
            value={terms.parent}
            placeholder="上级经销商编号（二级经销商填写）"
            onInput={(e) => setTerms({ ...terms, parent: e.detail.value })}
          />
          <Button className="review-approve" type="primary" block loading={busy} disabled={busy} onClick={() => void approve()}>
            通过并生成邀请码
          </Button>
          <Input
            className="dealers-input review-reason"
            value={reason}
            placeholder="驳回或补充资料的原因（申请人可见）"
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className="dealers-actions">
            <Button
              className="review-request"
              disabled={busy}
              onClick={() => void run(() => dealersCall('requestInfo', { applicationId: a.id, what: reason }))}
            >
              要求补充
            </Button>
            <Button
              className="review-reject"
              type="danger"
              disabled={busy}
              onClick={() => void run(() => dealersCall('reject', { applicationId: a.id, reason }))}
            >
              驳回
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
