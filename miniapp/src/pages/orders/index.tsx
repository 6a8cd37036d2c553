import { View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import icon from '../../assets/tab/orders-on.png';

/** 订单: 这里将列出你提交的订单和审批进度，发货后可查看物流、确认收货，并按月核对对账单。 */
export default function OrdersPage() {
  return (
    <View className="page page-orders">
      <PageState
        status="empty"
        icon={icon}
        title="订单即将上线"
        description="这里将列出你提交的订单和审批进度，发货后可查看物流、确认收货，并按月核对对账单。"
      />
    </View>
  );
}
