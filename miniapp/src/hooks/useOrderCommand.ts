import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { OrderView } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { formatFen } from '@shared/money/format-fen';
import type { ConsentMoment } from '@shared/orders/notify';
import { call } from '../services/cloud';
import { askConsent } from '../services/notifications';

/** The panels a command opens before it can be sent: a reason (cancel, reject) or a shipment. */
export type OrderPanel = null | 'cancel' | 'reject' | 'ship' | 'refuse_proxy';

/** What the dialogs name of the order: its number and amount; the id the command goes to. */
export interface OrderRef {
  id: string;
  orderNo: string;
  payable: number;
}

/** A shipment as the ship panel collects it (orders.ship without the order id). */
export interface ShipInput {
  warehouseId: string;
  carrier: string;
  trackingNo: string;
  lines: Array<{ sku: string; qty: number }>;
}

interface Ask {
  title: string;
  content: string;
  confirmText: string;
  danger?: boolean;
}

export interface OrderCommands {
  /** A command is on its way (or 再来一单 is filling the cart): taps are ignored meanwhile. */
  busy: boolean;
  panel: OrderPanel;
  open: (panel: Exclude<OrderPanel, null>) => void;
  close: () => void;
  /** `stepLabel`: the approval step decided, e.g. 渠道经理审批. */
  /** `comment`: the approver's optional note, shown on the order's timeline. */
  approve: (o: OrderRef, stepLabel: string | null, comment?: string) => Promise<boolean>;
  reject: (o: OrderRef, reason: string) => Promise<boolean>;
  cancel: (o: OrderRef, reason: string) => Promise<boolean>;
  /** `summary`: the confirm dialog's words for the shipment (the ship panel writes them). */
  ship: (o: OrderRef, input: ShipInput, summary: string) => Promise<boolean>;
  confirmReceipt: (o: OrderRef) => Promise<boolean>;
  complete: (o: OrderRef) => Promise<boolean>;
  /** 代客下单: the dealer takes the order its channel manager placed, or refuses it with a reason. */
  confirmProxy: (o: OrderRef) => Promise<boolean>;
  refuseProxy: (o: OrderRef, reason: string) => Promise<boolean>;
  /** Run other work (再来一单) under the same busy flag. */
  during: (work: () => Promise<void>) => Promise<void>;
}

/**
 * The order commands as a person issues them from a page (订单详情, 订单审批): ask first in a
 * confirm dialog, send, then show the order as the server returns it (`onChanged`) with a toast,
 * or the server's refusal in a dialog — and when the refusal is CONFLICT (someone moved the order
 * meanwhile) ask the page to load it again (`onStale`). Cancel and reject need a reason and ship
 * a shipment first, collected in the panel this hook keeps open. Which commands a page offers is
 * not decided here: the transition table (shared/orders/transitions.ts) does.
 *
 * The approval decisions also ask consent to the notifications that follow them: WeChat opens
 * that dialog only from a tap, so askConsent runs right after the confirm dialog's button, with
 * nothing awaited in between.
 */
export function useOrderCommand(onChanged: (o: OrderView) => void, onStale: () => void): OrderCommands {
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<OrderPanel>(null);

  const run = async (ask: Ask, command: () => Promise<Envelope<OrderView>>, done: string, consent?: ConsentMoment): Promise<boolean> => {
    if (busy) return false;
    const answer = await Taro.showModal({
      title: ask.title,
      content: ask.content,
      confirmText: ask.confirmText,
      confirmColor: ask.danger ? '#d93026' : '#1d4fd8',
    });
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
    if (res.error.code === 'CONFLICT') onStale();
    return false;
  };

  return {
    busy,
    panel,
    open: setPanel,
    close: () => setPanel(null),
    approve: (o, stepLabel, comment) =>
      run(
        { title: '通过审批', content: `确认通过订单 ${o.orderNo}（${formatFen(o.payable)}）的「${stepLabel ?? '审批'}」？`, confirmText: '通过' },
        () => call('orders', 'approve', comment?.trim() ? { orderId: o.id, reason: comment.trim() } : { orderId: o.id }),
        '已通过',
        'decide_approval',
      ),
    reject: (o, reason) =>
      run(
        { title: '驳回订单', content: '驳回后订单关闭，预留的库存和额度会释放。确定驳回？', confirmText: '驳回', danger: true },
        () => call('orders', 'reject', { orderId: o.id, reason }),
        '已驳回',
        'decide_approval',
      ),
    cancel: (o, reason) =>
      run(
        { title: '取消订单', content: '取消后预留的库存和额度会释放，订单不能恢复。确定取消？', confirmText: '取消订单', danger: true },
        () => call('orders', 'cancel', { orderId: o.id, reason }),
        '订单已取消',
      ),
    ship: (o, input, summary) =>
      run({ title: '确认发货', content: summary, confirmText: '发货' }, () => call('orders', 'ship', { orderId: o.id, ...input }), '已发货'),
    confirmReceipt: (o) =>
      run(
        { title: '确认收货', content: '请确认已收到本订单的全部货物。确认后订单将转为已收货，不能撤回。', confirmText: '确认收货' },
        () => call('orders', 'confirmReceipt', { orderId: o.id }),
        '已确认收货',
      ),
    complete: (o) =>
      run(
        { title: '完成订单', content: `将订单 ${o.orderNo} 标记为已完成？`, confirmText: '完成' },
        () => call('orders', 'complete', { orderId: o.id }),
        '订单已完成',
      ),
    confirmProxy: (o) =>
      run(
        {
          title: '确认代客订单',
          content: `确认渠道经理为您下的订单 ${o.orderNo}（${formatFen(o.payable)}）？确认后按正常流程审批和发货。`,
          confirmText: '确认',
        },
        () => call('orders', 'confirmProxy', { orderId: o.id }),
        '已确认',
        'submit_order',
      ),
    refuseProxy: (o, reason) =>
      run(
        { title: '拒绝代客订单', content: '拒绝后订单关闭，预留的库存和额度会释放。确定拒绝？', confirmText: '拒绝', danger: true },
        () => call('orders', 'refuseProxy', { orderId: o.id, reason }),
        '已拒绝',
      ),
    during: async (work) => {
      if (busy) return;
      setBusy(true);
      try {
        await work();
      } finally {
        setBusy(false);
      }
    },
  };
}
