import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghaiMinute } from '@shared/time';

type Approval = NonNullable<OrderView['approval']>;

function stepState(o: OrderView, a: Approval, i: number): { text: string; tone: 'done' | 'current' | 'later' } {
  const s = a.steps[i]!;
  const current = i === a.currentStep;
  const text = s.approvedAt
    ? `已通过 · ${formatShanghaiMinute(s.approvedAt)}`
    : o.status === 'rejected' && current
      ? '已驳回'
      : current && o.status === 'pending_approval'
        ? '待审批'
        : '未开始';
  return { text, tone: s.approvedAt ? 'done' : current ? 'current' : 'later' };
}

/**
 * 审批: why the order needs approval (each matched rule's explanation) and its steps; for the
 * approver deciding now (`deciding`), the facts to decide on — the dealer, the amount, the discount.
 */
export function ApprovalSteps({ order: o, deciding }: { order: OrderView; deciding: boolean }) {
  const a = o.approval;
  if (!a || a.auto) return null;
  const discount = o.listTotal - o.payable;
  return (
    <View className="card order-approval">
      <Text className="order-section-title">审批</Text>
      {a.matched.map((m) => (
        <View key={m.ruleId} className="order-approval-rule">
          <Text className="order-approval-rule-name">{m.name}</Text>
          <Text className="order-approval-rule-why">{m.explanation}</Text>
        </View>
      ))}
      {a.steps.map((s, i) => {
        const state = stepState(o, a, i);
        return (
          <View key={s.role} className={`order-approval-step order-approval-step-${state.tone}`}>
            <Text className="order-approval-step-label">
              {i + 1}. {s.label}
            </Text>
            <Text className="order-approval-step-state">{state.text}</Text>
          </View>
        );
      })}
      {deciding ? (
        <View className="order-approval-facts">
          <Text>经销商：{o.dealerName}</Text>
          <Text>
            订单金额：{formatFen(o.payable)}（目录价 {formatFen(o.listTotal)}，优惠 {formatFen(discount)}
            {o.listTotal > 0 ? `，约 ${((discount * 100) / o.listTotal).toFixed(1)}%` : ''}）
          </Text>
        </View>
      ) : null}
    </View>
  );
}
