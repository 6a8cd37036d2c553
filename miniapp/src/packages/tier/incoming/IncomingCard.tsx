import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { TierOrderSummary } from '@shared/contracts/tier';
import { formatFen } from '@shared/money/format-fen';
import { ReasonPanel } from '../../../components/ReasonPanel';
import { fenToYuanText, yuanToFen } from '../api';
import { TierOrderHead } from '../parts';
import type { IncomingCommands } from '../useTier';

const CARRIERS = ['顺丰速运', '京东物流', '德邦快递', '中通快递'] as const;
const TRACKING = /^[A-Za-z0-9-]{4,40}$/;

/** What the first-tier can do to a child's order in its state: accept or refuse a new one, ship an accepted one, record the payment of a shipped one. */
function offered(o: TierOrderSummary): Array<'accept' | 'reject' | 'ship' | 'pay'> {
  if (o.status === 'submitted') return ['accept', 'reject'];
  if (o.status === 'approved') return ['ship', 'reject'];
  if ((o.status === 'shipped' || o.status === 'delivered' || o.status === 'completed') && o.paid === 0) return ['pay'];
  return [];
}

const LABELS = { accept: '接单', reject: '拒单', ship: '发货', pay: '记录收款' } as const;

/** One child's order on 下级订单, with the buttons its state allows and the panel of the one tapped. */
export function IncomingCard({ order: o, commands: c }: { order: TierOrderSummary; commands: IncomingCommands }) {
  const mine = c.panel?.orderId === o.id ? c.panel.kind : null;
  const press = (what: 'accept' | 'reject' | 'ship' | 'pay') => {
    if (what === 'accept') void c.accept(o);
    else c.open(what, o.id);
  };
  return (
    <View className={`card tier-card tier-card-${o.orderNo}`}>
      <TierOrderHead order={o} party={`下级经销商：${o.dealerName}`} />
      {mine === 'reject' ? (
        <ReasonPanel
          title="拒绝这笔订单"
          placeholder="请填写拒单原因，下级经销商会看到，如：该商品暂时缺货"
          submitText="确认拒单"
          busy={c.busy}
          onClose={c.close}
          onSubmit={(reason) => c.reject(o, reason)}
        />
      ) : null}
      {mine === 'ship' ? <ShipForm order={o} busy={c.busy} onClose={c.close} onSubmit={(carrier, no) => c.ship(o, carrier, no)} /> : null}
      {mine === 'pay' ? <PayForm order={o} busy={c.busy} onClose={c.close} onSubmit={(amount) => c.recordPayment(o, amount)} /> : null}
      {mine === null && offered(o).length > 0 ? (
        <View className="tier-actions">
          {offered(o).map((what) => (
            <Button
              key={what}
              className={`tier-${what}`}
              type={what === 'reject' ? 'default' : 'primary'}
              shape="round"
              loading={c.busy && what === 'accept'}
              onClick={() => press(what)}
            >
              {LABELS[what]}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 发货: a carrier (a chip or typed) and the tracking number; everything still to ship goes out from the first-tier's stock. */
function ShipForm({
  order,
  busy,
  onClose,
  onSubmit,
}: {
  order: TierOrderSummary;
  busy: boolean;
  onClose: () => void;
  onSubmit: (carrier: string, trackingNo: string) => Promise<boolean>;
}) {
  const [carrier, setCarrier] = useState<string>(CARRIERS[0]);
  const [trackingNo, setTrackingNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    if (busy) return;
    if (!carrier.trim()) return setError('请选择或填写承运商');
    if (!TRACKING.test(trackingNo.trim())) return setError('运单号须为 4–40 位字母、数字或 -');
    setError(null);
    void onSubmit(carrier.trim(), trackingNo.trim());
  };
  return (
    <View className="tier-panel tier-ship-panel">
      <Text className="tier-panel-title">发货（共 {order.itemQty} 件，从你的库存发出）</Text>
      <Text className="tier-label">承运商</Text>
      <View className="tier-chips">
        {CARRIERS.map((name) => (
          <Text key={name} className={`tier-chip${name === carrier ? ' tier-chip-on' : ''}`} onClick={() => setCarrier(name)}>
            {name}
          </Text>
        ))}
      </View>
      <Input className="tier-input tier-carrier" value={carrier} maxlength={40} placeholder="其他承运商" onInput={(e) => setCarrier(e.detail.value)} />
      <Text className="tier-label">运单号</Text>
      <Input
        className="tier-input tier-tracking"
        value={trackingNo}
        maxlength={40}
        placeholder="如 SF1234567890"
        onInput={(e) => setTrackingNo(e.detail.value)}
      />
      {error ? <Text className="tier-error">{error}</Text> : null}
      <View className="tier-actions">
        <Button className="tier-panel-close" shape="round" onClick={onClose}>
          返回
        </Button>
        <Button className="tier-ship-submit" type="primary" shape="round" loading={busy} onClick={send}>
          {busy ? '提交中…' : '确认发货'}
        </Button>
      </View>
    </View>
  );
}

/** 记录收款: what the child paid for this order, in 元; at most the order's amount, once per order. */
function PayForm({
  order,
  busy,
  onClose,
  onSubmit,
}: {
  order: TierOrderSummary;
  busy: boolean;
  onClose: () => void;
  onSubmit: (amount: number) => Promise<boolean>;
}) {
  const [text, setText] = useState(fenToYuanText(order.payable));
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    if (busy) return;
    const fen = yuanToFen(text);
    if (fen === null) return setError('请填写收款金额（元，最多两位小数）');
    if (fen > order.payable) return setError(`收款金额不能超过订单金额 ${formatFen(order.payable)}`);
    setError(null);
    void onSubmit(fen);
  };
  return (
    <View className="tier-panel tier-pay-panel">
      <Text className="tier-panel-title">记录收款（订单金额 {formatFen(order.payable)}，每笔订单记录一次）</Text>
      <Text className="tier-label">收款金额（元）</Text>
      <Input className="tier-input tier-pay-amount" type="digit" value={text} maxlength={12} onInput={(e) => setText(e.detail.value)} />
      {error ? <Text className="tier-error">{error}</Text> : null}
      <View className="tier-actions">
        <Button className="tier-panel-close" shape="round" onClick={onClose}>
          返回
        </Button>
        <Button className="tier-pay-submit" type="primary" shape="round" loading={busy} onClick={send}>
          {busy ? '提交中…' : '确认收款'}
        </Button>
      </View>
    </View>
  );
}
