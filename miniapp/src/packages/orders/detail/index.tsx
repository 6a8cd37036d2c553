import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MeOutput, OrderView } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { err, ok } from '@shared/envelope';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghaiMinute } from '@shared/time';
import { mayIssue, stepIsFor } from '@shared/orders/transitions';
import { ORDER_STATUS_LABELS } from '@shared/orders/types';
import type { OrderCommandType } from '@shared/orders/types';
import type { Role } from '@shared/roles';
import type { ConsentMoment } from '@shared/orders/notify';
import { ROLE_LABELS } from '@shared/roles';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { askConsent } from '../../../services/notifications';
import { loadMe } from '../../../services/session';
import { actorText, eventLabel, statusTone } from '../../../services/orderText';
import { useCall } from '../../../services/useCall';
import { buyAgain } from './buyAgain';
import { ReasonPanel } from './ReasonPanel';
import { ShipPanel } from './ShipPanel';
import './index.scss';

interface Loaded {
  order: OrderView;
  role: Role | null;
}

/** Query values arrive encoded on some platforms and decoded on others. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * 订单详情 (?id=): status and whose move it is, lines with what has shipped, the address, every
 * shipment with its tracking number, why approval is needed, and the timeline (every event with
 * who and when, Shanghai time). Below it, what the caller may do now: the commands the transition
 * table gives the caller's role in the order's state (mayIssue, shared/orders/transitions.ts) —
 * the dealer cancels before approval and confirms receipt, the channel manager (and the admin)
 * approve or reject, the admin ships and completes — narrowed by what this order says: the
 * approval step waiting must be the caller's (stepIsFor), a shipment needs goods still held.
 * The dealer may also order again. The server decides every transition; the buttons only offer
 * what the state machine would accept.
 */
export default function OrderDetailPage() {
  const id = decodeParam(useRouter().params['id'] ?? '');
  const { state, reload } = useCall<Loaded>(async (): Promise<Envelope<Loaded>> => {
    if (!id) return err('INVALID_INPUT', '没有指定要查看的订单，请从订单列表进入');
    const [order, me] = await Promise.all([call('orders', 'get', { orderId: id }), loadMe()]);
    if (!order.ok) return order;
    const role = me.ok && me.data.registered ? (me.data as Extract<MeOutput, { registered: true }>).role : null;
    return ok({ order: order.data, role });
  });
  const [override, setOverride] = useState<OrderView | null>(null);

  usePullDownRefresh(() => {
    setOverride(null);
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') {
    return (
      <View className="page page-order">
        <PageState status="loading" rows={6} />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="page page-order">
        <PageState status="error" message={state.error.message} onRetry={() => void reload()} />
      </View>
    );
  }
  const order = override && override.id === state.data.order.id ? override : state.data.order;
  return (
    <View className="page page-order">
      <Detail order={order} role={state.data.role} onChanged={setOverride} onStale={() => {
        setOverride(null);
        void reload(true);
      }} />
    </View>
  );
}

type Panel = null | 'cancel' | 'reject' | 'ship';

function Detail({ order: o, role, onChanged, onStale }: { order: OrderView; role: Role | null; onChanged: (o: OrderView) => void; onStale: () => void }) {
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);

  const step = o.approval && o.status === 'pending_approval' ? (o.approval.steps[o.approval.currentStep] ?? null) : null;
  const may = (command: OrderCommandType) => role !== null && mayIssue(command, o.status, role);
  const myStep = step !== null && role !== null && stepIsFor(step.role, role);
  const can = {
    cancel: may('cancel'),
    confirm: may('confirm_receipt'),
    buyAgain: role === 'dealer',
    approve: may('approve_step') && myStep,
    reject: may('reject') && myStep,
    ship: may('ship') && o.reservations.length > 0,
    complete: may('complete'),
  };

  /**
   * Ask, run the command, show the order as the server returns it. With `consent`, the tap on the
   * dialog's button also asks consent to the notifications that follow (WeChat opens its consent
   * dialog only from a tap, so nothing is awaited in between).
   */
  const run = async (
    confirm: { title: string; content: string; confirmText: string; danger?: boolean },
    command: () => Promise<Envelope<OrderView>>,
    done: string,
    consent?: ConsentMoment,
  ): Promise<boolean> => {
    if (busy) return false;
    const answer = await Taro.showModal({ title: confirm.title, content: confirm.content, confirmText: confirm.confirmText, confirmColor: confirm.danger ? '#d93026' : '#1d4fd8' });
    if (!answer.confirm) return false;
    const consented = consent ? askConsent(consent) : Promise.resolve();
    setBusy(true);
    await consented;
    const res = await command();
    setBusy(false);
    if (res.ok) {
      onChanged(res.data);
      setPanel(null);
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    }
    void Taro.showModal({ title: '操作未成功', content: res.error.message, showCancel: false, confirmText: '知道了' });
    // Someone else moved the order meanwhile: show what it is now.
    if (res.error.code === 'CONFLICT') onStale();
    return false;
  };

  const approve = () =>
    void run(
      { title: '通过审批', content: `确认通过订单 ${o.orderNo}（${formatFen(o.payable)}）的「${step?.label ?? '审批'}」？`, confirmText: '通过' },
      () => call('orders', 'approve', { orderId: o.id }),
      '已通过',
      'decide_approval',
    );
  const confirmReceipt = () =>
    void run(
      { title: '确认收货', content: '请确认已收到本订单的全部货物。确认后订单将转为已收货，不能撤回。', confirmText: '确认收货' },
      () => call('orders', 'confirmReceipt', { orderId: o.id }),
      '已确认收货',
    );
  const complete = () =>
    void run({ title: '完成订单', content: `将订单 ${o.orderNo} 标记为已完成？`, confirmText: '完成' }, () => call('orders', 'complete', { orderId: o.id }), '订单已完成');

  const again = async () => {
    if (busy) return;
    setBusy(true);
    const res = await buyAgain(o.id);
    setBusy(false);
    if (!res.ok) {
      void Taro.showModal({ title: '再来一单未成功', content: res.error.message, showCancel: false, confirmText: '知道了' });
      return;
    }
    if (res.data.skipped.length > 0) {
      await Taro.showModal({ title: '部分商品未加入', content: res.data.skipped.map((s) => s.reason).join('；'), showCancel: false, confirmText: '去购物车' });
    }
    void Taro.switchTab({ url: '/pages/cart/index' });
  };

  const items = o.lines.filter((l) => l.kind === 'item');
  const gifts = o.lines.filter((l) => l.kind === 'gift');
  const discount = o.listTotal - o.payable;
  const events = [...o.events].reverse();

  return (
    <View className="order">
      <View className={`card order-header order-header-${statusTone(o.status)}`}>
        <Text className="order-status">{o.statusLabel || ORDER_STATUS_LABELS[o.status]}</Text>
        {step ? <Text className="order-waiting">等待{step.label}（{ROLE_LABELS[step.role]}）</Text> : null}
        {o.status === 'shipped' ? <Text className="order-waiting">货物已全部发出，收到后请确认收货</Text> : null}
        {o.status === 'partially_shipped' ? <Text className="order-waiting">已部分发货，其余商品待发</Text> : null}
        {o.closeReason ? <Text className="order-close-reason">原因：{o.closeReason}</Text> : null}
        <Text className="order-no">订单号 {o.orderNo}</Text>
        <Text className="order-created muted">下单时间 {formatShanghaiMinute(o.createdAt)}</Text>
      </View>

      {o.approval && !o.approval.auto ? (
        <View className="card order-approval">
          <Text className="order-section-title">审批</Text>
          {o.approval.matched.map((m) => (
            <View key={m.ruleId} className="order-approval-rule">
              <Text className="order-approval-rule-name">{m.name}</Text>
              <Text className="order-approval-rule-why">{m.explanation}</Text>
            </View>
          ))}
          {o.approval.steps.map((s, i) => {
            const stateText = s.approvedAt ? `已通过 · ${formatShanghaiMinute(s.approvedAt)}` : o.status === 'rejected' && i === o.approval!.currentStep ? '已驳回' : i === o.approval!.currentStep && o.status === 'pending_approval' ? '待审批' : '未开始';
            return (
              <View key={s.role} className={`order-approval-step order-approval-step-${s.approvedAt ? 'done' : i === o.approval!.currentStep ? 'current' : 'later'}`}>
                <Text className="order-approval-step-label">
                  {i + 1}. {s.label}
                </Text>
                <Text className="order-approval-step-state">{stateText}</Text>
              </View>
            );
          })}
          {can.approve || can.reject ? (
            <View className="order-approval-facts">
              <Text>经销商：{o.dealerName}</Text>
              <Text>
                订单金额：{formatFen(o.payable)}（目录价 {formatFen(o.listTotal)}，优惠 {formatFen(discount)}
                {o.listTotal > 0 ? `，约 ${((discount * 100) / o.listTotal).toFixed(1)}%` : ''}）
              </Text>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="card order-lines">
        <Text className="order-section-title">商品（{items.length} 种）</Text>
        {items.map((l) => (
          <View key={`item-${l.sku}`} className={`order-line order-line-${l.sku}`}>
            <View className="order-line-head">
              <Text className="order-line-name">{l.name}</Text>
              <Text className="order-line-payable">{formatFen(l.payable)}</Text>
            </View>
            <Text className="order-line-qty">
              订 {l.qty} 件 · 已发 {l.shippedQty} 件 · 单价 {formatFen(l.unitPrice)}
            </Text>
          </View>
        ))}
        {gifts.map((l) => (
          <View key={`gift-${l.sku}`} className="order-line order-line-gift">
            <View className="order-line-head">
              <Text className="order-gift-tag">赠品</Text>
              <Text className="order-line-name">{l.name}</Text>
            </View>
            <Text className="order-line-qty">
              {l.qty} 件 · 已发 {l.shippedQty} 件
            </Text>
          </View>
        ))}
        <View className="order-row">
          <Text>商品金额</Text>
          <Text>{formatFen(o.listTotal)}</Text>
        </View>
        <View className="order-row">
          <Text>优惠</Text>
          <Text className="order-discount">-{formatFen(discount)}</Text>
        </View>
        <View className="order-row order-row-payable">
          <Text>应付</Text>
          <Text className="order-payable">{formatFen(o.payable)}</Text>
        </View>
      </View>

      {o.address ? (
        <View className="card order-address">
          <Text className="order-section-title">收货地址</Text>
          <Text className="order-address-who">
            {o.address.name} {o.address.mobile}
          </Text>
          <Text className="order-address-where">
            {o.address.province}
            {o.address.city}
            {o.address.district} {o.address.detail}
          </Text>
          {o.remark ? <Text className="order-remark">备注：{o.remark}</Text> : null}
        </View>
      ) : null}

      {o.shipments.length > 0 ? (
        <View className="card order-shipments">
          <Text className="order-section-title">物流（{o.shipments.length} 个包裹）</Text>
          {o.shipments.map((s) => (
            <View key={s.no} className={`order-shipment order-shipment-${s.no}`}>
              <View className="order-shipment-head">
                <Text className="order-shipment-carrier">{s.carrier}</Text>
                <Text className="order-shipment-tracking" onClick={() => void Taro.setClipboardData({ data: s.trackingNo })}>
                  {s.trackingNo}
                </Text>
              </View>
              <Text className="order-shipment-meta muted">
                第 {s.no} 次发货 · {formatShanghaiMinute(s.at)} · 共 {s.lines.reduce((n, l) => n + l.qty, 0)} 件 · 点击运单号复制
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="card order-timeline">
        <Text className="order-section-title">订单动态</Text>
        {events.map((e, i) => (
          <View key={`${e.at}-${i}`} className={`order-event order-event-${e.type}`}>
            <View className="order-event-dot" />
            <View className="order-event-body">
              <Text className="order-event-label">{eventLabel(e)}</Text>
              <Text className="order-event-meta">
                <Text className="order-event-actor">{actorText(e.actor)}</Text>
                <Text className="order-event-time"> · {formatShanghaiMinute(e.at)}</Text>
              </Text>
              {e.reason ? <Text className="order-event-reason">原因：{e.reason}</Text> : null}
            </View>
          </View>
        ))}
      </View>

      {panel === 'cancel' ? (
        <ReasonPanel
          title="取消订单"
          placeholder="请说明取消原因，如：下错单了"
          submitText="确认取消"
          busy={busy}
          onClose={() => setPanel(null)}
          onSubmit={(reason) =>
            run({ title: '取消订单', content: '取消后预留的库存和额度会释放，订单不能恢复。确定取消？', confirmText: '取消订单', danger: true }, () => call('orders', 'cancel', { orderId: o.id, reason }), '订单已取消')
          }
        />
      ) : null}
      {panel === 'reject' ? (
        <ReasonPanel
          title="驳回订单"
          placeholder="请填写驳回原因，经销商会看到，如：折扣超出授权范围"
          submitText="确认驳回"
          busy={busy}
          onClose={() => setPanel(null)}
          onSubmit={(reason) =>
            run({ title: '驳回订单', content: '驳回后订单关闭，预留的库存和额度会释放。确定驳回？', confirmText: '驳回', danger: true }, () => call('orders', 'reject', { orderId: o.id, reason }), '已驳回', 'decide_approval')
          }
        />
      ) : null}
      {panel === 'ship' ? (
        <ShipPanel
          order={o}
          busy={busy}
          onClose={() => setPanel(null)}
          onSubmit={(input, summary) =>
            run({ title: '确认发货', content: summary, confirmText: '发货' }, () => call('orders', 'ship', { orderId: o.id, ...input }), '已发货')
          }
        />
      ) : null}

      {panel === null && Object.values(can).some(Boolean) ? (
        <View className="order-actions">
          {can.cancel ? (
            <View className="order-action order-action-plain order-cancel" onClick={() => setPanel('cancel')}>
              取消订单
            </View>
          ) : null}
          {can.buyAgain ? (
            <View className={`order-action order-action-plain order-buy-again${busy ? ' order-action-busy' : ''}`} onClick={() => void again()}>
              再来一单
            </View>
          ) : null}
          {can.reject ? (
            <View className="order-action order-action-danger order-reject" onClick={() => setPanel('reject')}>
              驳回
            </View>
          ) : null}
          {can.approve ? (
            <View className={`order-action order-approve${busy ? ' order-action-busy' : ''}`} onClick={approve}>
              通过
            </View>
          ) : null}
          {can.confirm ? (
            <View className={`order-action order-confirm-receipt${busy ? ' order-action-busy' : ''}`} onClick={confirmReceipt}>
              确认收货
            </View>
          ) : null}
          {can.ship ? (
            <View className="order-action order-ship" onClick={() => setPanel('ship')}>
              发货
            </View>
          ) : null}
          {can.complete ? (
            <View className={`order-action order-complete${busy ? ' order-action-busy' : ''}`} onClick={complete}>
              完成订单
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
