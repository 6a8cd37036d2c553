import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { OrderView } from '@shared/contracts';
import { CommentField, ReasonPanel } from '../../../components/ReasonPanel';
import type { OrderCommands } from '../../../hooks/useOrderCommand';
import type { Offers } from './offers';
import { waitingStep } from './offers';
import { ShipPanel } from './ShipPanel';

/**
 * The bar of what the caller may do now (`offers`), or the panel a command needs first: the
 * reason for 取消 / 驳回, the shipment for 发货. Each command goes through `commands`.
 */
export function OrderActions({
  order: o,
  offers: can,
  commands: c,
  onBuyAgain,
}: {
  order: OrderView;
  offers: Offers;
  commands: OrderCommands;
  onBuyAgain: () => void;
}) {
  const [comment, setComment] = useState('');
  if (c.panel === 'cancel') {
    return (
      <ReasonPanel
        title="取消订单"
        placeholder="请说明取消原因，如：下错单了"
        submitText="确认取消"
        busy={c.busy}
        onClose={c.close}
        onSubmit={(reason) => c.cancel(o, reason)}
      />
    );
  }
  if (c.panel === 'reject') {
    return (
      <ReasonPanel
        title="驳回订单"
        placeholder="请填写驳回原因，经销商会看到，如：折扣超出授权范围"
        submitText="确认驳回"
        busy={c.busy}
        onClose={c.close}
        onSubmit={(reason) => c.reject(o, reason)}
      />
    );
  }
  if (c.panel === 'refuse_proxy') {
    return (
      <ReasonPanel
        title="拒绝代客订单"
        placeholder="请说明拒绝原因，渠道经理会看到，如：数量不对"
        submitText="确认拒绝"
        busy={c.busy}
        onClose={c.close}
        onSubmit={(reason) => c.refuseProxy(o, reason)}
      />
    );
  }
  if (c.panel === 'ship') return <ShipPanel order={o} busy={c.busy} onClose={c.close} onSubmit={(input, summary) => c.ship(o, input, summary)} />;
  if (!Object.values(can).some(Boolean)) return null;
  return (
    <View className="order-actions">
      {can.confirmProxy ? <View className="order-proxy-note">渠道经理为您代下此单，价格和库存已按您的账户锁定。请核对后确认或拒绝。</View> : null}
      {can.approve ? <CommentField className="order-approve-comment" value={comment} onChange={setComment} /> : null}
      {can.cancel ? (
        <Button className="order-cancel" shape="round" onClick={() => c.open('cancel')}>
          取消订单
        </Button>
      ) : null}
      {can.buyAgain ? (
        <Button className="order-buy-again" shape="round" loading={c.busy} onClick={onBuyAgain}>
          再来一单
        </Button>
      ) : null}
      {can.reject ? (
        <Button className="order-reject" type="danger" shape="round" onClick={() => c.open('reject')}>
          驳回
        </Button>
      ) : null}
      {can.approve ? (
        <Button
          className="order-approve"
          type="primary"
          shape="round"
          loading={c.busy}
          onClick={() => void c.approve(o, waitingStep(o)?.label ?? null, comment)}
        >
          通过
        </Button>
      ) : null}
      {can.confirm ? (
        <Button className="order-confirm-receipt" type="primary" shape="round" loading={c.busy} onClick={() => void c.confirmReceipt(o)}>
          确认收货
        </Button>
      ) : null}
      {can.refuseProxy ? (
        <Button className="order-refuse-proxy" shape="round" onClick={() => c.open('refuse_proxy')}>
          拒绝
        </Button>
      ) : null}
      {can.confirmProxy ? (
        <Button className="order-confirm-proxy" type="primary" shape="round" loading={c.busy} onClick={() => void c.confirmProxy(o)}>
          确认订单
        </Button>
      ) : null}
      {can.ship ? (
        <Button className="order-ship" type="primary" shape="round" onClick={() => c.open('ship')}>
          发货
        </Button>
      ) : null}
      {can.complete ? (
        <Button className="order-complete" type="primary" shape="round" loading={c.busy} onClick={() => void c.complete(o)}>
          完成订单
        </Button>
      ) : null}
    </View>
  );
}
