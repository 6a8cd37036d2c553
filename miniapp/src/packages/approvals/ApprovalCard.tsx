import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { DealerContext, OrderSummary } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { commandsFor } from '@shared/orders/transitions';
import type { OrderCommandType } from '@shared/orders/types';
import type { Role } from '@shared/roles';
import { formatShanghaiMinute } from '@shared/time';
import { CommentField, ReasonPanel } from '../../components/ReasonPanel';
import { useOrderCommand } from '../../hooks/useOrderCommand';
import { DealerPanel } from './DealerPanel';

/** The card's button for each command it can issue from the list (the others need the order page). */
export const CARD_BUTTONS: Partial<Record<OrderCommandType, { label: string; className: string }>> = {
  approve_step: { label: '通过', className: 'approval-approve' },
  reject: { label: '驳回', className: 'approval-reject' },
  cancel: { label: '取消订单', className: 'approval-cancel' },
};

/**
 * One order waiting for the caller: who, how much, what, which step; tapping it opens the order
 * (why it needs approval, the discount). Under it the decisions the caller may take here: the
 * commands the transition table gives the caller's role in the order's state (commandsFor) that
 * the card can issue. The step waiting is the caller's own by construction — the server lists
 * only orders whose current step waits for the caller's role. Beside it the dealer's credit and
 * latest orders (DealerPanel), and an optional comment that goes with 通过.
 */
export function ApprovalCard({ order: o, dealer, role, onDone }: { order: OrderSummary; dealer: DealerContext | null; role: Role | null; onDone: () => void }) {
  const c = useOrderCommand(onDone, onDone);
  const [comment, setComment] = useState('');
  const offered = role ? commandsFor(o.status, role).filter((command) => CARD_BUTTONS[command]) : [];
  const press = (command: OrderCommandType) => {
    if (command === 'approve_step') void c.approve(o, o.waitingFor, comment);
    else if (command === 'reject' || command === 'cancel') c.open(command);
  };
  return (
    <View className="approval-item">
      <View
        className={`card approval-card approval-card-${o.id}`}
        onClick={() => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(o.id)}` })}
      >
        <View className="approval-card-head">
          <Text className="approval-card-dealer">{o.dealerName}</Text>
          <Text className="approval-card-payable">{formatFen(o.payable)}</Text>
        </View>
        <Text className="approval-card-no">
          {o.orderNo} · {formatShanghaiMinute(o.createdAt)}
        </Text>
        <Text className="approval-card-preview">
          {o.preview.join('、')}
          {o.lineCount > o.preview.length ? ` 等 ${o.lineCount} 种` : ''} · 共 {o.itemQty} 件
        </Text>
        <View className="approval-card-foot">
          {o.waitingFor ? <Text className="approval-card-step">{o.waitingFor}</Text> : null}
          <Text className="approval-card-open">查看并审批 ›</Text>
        </View>
      </View>
      {dealer ? <DealerPanel dealer={dealer} orderId={o.id} /> : null}
      {c.panel === null && offered.includes('approve_step') ? (
        <CommentField className={`approval-comment approval-comment-${o.id}`} value={comment} onChange={setComment} />
      ) : null}
      {c.panel === 'reject' ? (
        <ReasonPanel
          title="驳回订单"
          placeholder="请填写驳回原因，经销商会看到，如：折扣超出授权范围"
          submitText="确认驳回"
          busy={c.busy}
          onClose={c.close}
          onSubmit={(reason) => c.reject(o, reason)}
        />
      ) : null}
      {c.panel === 'cancel' ? (
        <ReasonPanel
          title="取消订单"
          placeholder="请说明取消原因"
          submitText="确认取消"
          busy={c.busy}
          onClose={c.close}
          onSubmit={(reason) => c.cancel(o, reason)}
        />
      ) : null}
      {c.panel === null && offered.length > 0 ? (
        <View className={`approval-actions approval-actions-${o.id}`}>
          {offered.map((command) => (
            <Button
              key={command}
              className={`${CARD_BUTTONS[command]!.className} ${CARD_BUTTONS[command]!.className}-${o.id}`}
              type={command === 'approve_step' ? 'primary' : command === 'reject' ? 'danger' : 'default'}
              size="small"
              shape="round"
              loading={c.busy && command === 'approve_step'}
              onClick={() => press(command)}
            >
              {CARD_BUTTONS[command]!.label}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  );
}
