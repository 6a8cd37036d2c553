import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import type { Role } from '@shared/roles';

/**
 * 退货 on an order: a delivered (or completed) order offers its dealer 申请退货 (the apply page says
 * what may still come back and until when), and everyone who sees the order its 退货记录.
 */
export function ReturnEntry({ order: o, role }: { order: OrderView; role: Role | null }) {
  if (o.status !== 'delivered' && o.status !== 'completed') return null;
  const go = (url: string) => void Taro.navigateTo({ url });
  const id = encodeURIComponent(o.id);
  return (
    <View className="card order-returns">
      {role === 'dealer' ? (
        <View className="order-return-apply" onClick={() => go(`/packages/aftersales/apply/index?orderId=${id}`)}>
          <Text>申请退货 ›</Text>
        </View>
      ) : null}
      <View className="order-return-list" onClick={() => go(`/packages/aftersales/list/index?orderId=${id}`)}>
        <Text>退货记录 ›</Text>
      </View>
    </View>
  );
}
