import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import type { Role } from '@shared/roles';
import { PageState } from '../../../components/PageState';
import { useOrderCommand } from '../../../hooks/useOrderCommand';
import { ApprovalSteps } from './ApprovalSteps';
import { buyAgain } from './buyAgain';
import { OrderActions } from './OrderActions';
import { OrderAddress, OrderShipments } from './OrderDelivery';
import { OrderHeader } from './OrderHeader';
import { OrderLines } from './OrderLines';
import { OrderTimeline } from './OrderTimeline';
import { OrderTracking, PayEntry, RefundNote } from './OrderTracking';
import { ReturnEntry } from './ReturnEntry';
import { offersFor } from './offers';
import { useOrderDetail } from './useOrderDetail';
import './index.scss';

/**
 * 订单详情 (?id=): status and whose move it is, lines with what has shipped, the address, every
 * shipment with its tracking number, why approval is needed, and the timeline (every event with
 * who and when, Shanghai time). Below it, what the caller may do now (offers.ts: the transition
 * table narrowed by the order's own facts) — the dealer cancels before approval and confirms
 * receipt, the channel manager (and the admin) approve or reject, the admin ships and completes;
 * the dealer may also order again.
 */
export default function OrderDetailPage() {
  const { state, reload, changed, stale } = useOrderDetail();
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
  return (
    <View className="page page-order">
      <Detail order={state.data.order} role={state.data.role} onChanged={changed} onStale={stale} />
    </View>
  );
}

function Detail({ order: o, role, onChanged, onStale }: { order: OrderView; role: Role | null; onChanged: (o: OrderView) => void; onStale: () => void }) {
  const commands = useOrderCommand(onChanged, onStale);
  const offers = offersFor(o, role);

  const again = () =>
    void commands.during(async () => {
      const res = await buyAgain(o.id);
      if (!res.ok) {
        void Taro.showModal({ title: '再来一单未成功', content: res.error.message, showCancel: false, confirmText: '知道了' });
        return;
      }
      if (res.data.notes.length > 0) {
        await Taro.showModal({
          title: res.data.added > 0 ? `已加入 ${res.data.added} 种，以下有变化` : '没有可加入的商品',
          content: res.data.notes.join('；'),
          showCancel: false,
          confirmText: '去购物车',
        });
      }
      void Taro.switchTab({ url: '/pages/cart/index' });
    });

  return (
    <View className="order">
      <OrderHeader order={o} />
      <RefundNote order={o} />
      <ApprovalSteps order={o} deciding={offers.approve || offers.reject} />
      <OrderLines order={o} />
      <OrderAddress order={o} />
      <OrderShipments order={o} />
      <OrderTracking order={o} />
      <OrderTimeline order={o} />
      <ReturnEntry order={o} role={role} />
      <PayEntry order={o} role={role} />
      <OrderActions order={o} offers={offers} commands={commands} onBuyAgain={again} />
    </View>
  );
}
