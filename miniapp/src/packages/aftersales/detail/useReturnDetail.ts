import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { ReturnView } from '@shared/contracts/aftersales';
import { err } from '@shared/envelope';
import type { Envelope } from '@shared/envelope';
import type { ConsentMoment } from '@shared/orders/notify';
import { askConsent } from '../../../services/notifications';
import { knownMe, loadMe } from '../../../services/session';
import { useCall } from '../../../services/useCall';
import { aftersalesCall, decodeParam } from '../api';

export type Panel = 'reject' | 'ship_back' | 'receive' | null;

/**
 * The request of `?id=` and the commands on it: each answer replaces the request shown; a refusal
 * is said in a modal and the request asked afresh (someone else may have moved it).
 */
export function useReturnDetail() {
  const id = decodeParam(useRouter().params['id']);
  const { state, reload } = useCall<ReturnView>(() =>
    id ? aftersalesCall('get', { requestId: id }) : Promise.resolve(err('INVALID_INPUT', '没有指定退货申请')),
  );
  const [shown, setShown] = useState<ReturnView | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);
  // The consent dialog lists the templates users.me offers, and must open inside the tap: know them first.
  useEffect(() => {
    if (!knownMe()) void loadMe();
  }, []);

  const run = async (ask: () => Promise<Envelope<ReturnView>>, done: string, moment?: ConsentMoment) => {
    if (busy) return;
    setBusy(true);
    // A decision's tap asks consent to the next request waiting, before any await (WeChat's rule).
    if (moment) await askConsent(moment);
    const res = await ask();
    setBusy(false);
    if (!res.ok) {
      void Taro.showModal({ title: '操作未成功', content: res.error.message, showCancel: false, confirmText: '知道了' });
      setShown(null);
      void reload(true);
      return;
    }
    setShown(res.data);
    setPanel(null);
    void Taro.showToast({ title: done, icon: 'success' });
  };
  const request = shown ?? (state.status === 'ok' ? state.data : null);
  return {
    state,
    reload,
    request,
    panel,
    setPanel,
    busy,
    approve: () => run(() => aftersalesCall('approve', { requestId: id }), '已同意', 'decide_return'),
    reject: (reason: string) => run(() => aftersalesCall('reject', { requestId: id, reason }), '已驳回', 'decide_return'),
    shipBack: (carrier: string, trackingNo: string) => run(() => aftersalesCall('shipBack', { requestId: id, carrier, trackingNo }), '已登记寄回'),
    withdraw: async () => {
      const { confirm } = await Taro.showModal({
        title: '撤回退货申请？',
        content: '撤回后本申请关闭，商品可重新申请退货。',
        confirmText: '撤回',
        cancelText: '再想想',
      });
      if (confirm) await run(() => aftersalesCall('withdraw', { requestId: id }), '已撤回');
    },
    receive: (warehouseId: string, lines: Array<{ sku: string; restockQty: number; scrapQty: number }>) =>
      run(() => aftersalesCall('receive', { requestId: id, warehouseId, lines }), '已入库退款'),
  };
}
