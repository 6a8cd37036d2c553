import { View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import icon from '../../assets/tab/cart-on.png';

/** 购物车: 选好的商品会在这里汇总，提交前能看到每一行价格的由来，以及再买多少可享满减。 */
export default function CartPage() {
  return (
    <View className="page page-cart">
      <PageState
        status="empty"
        icon={icon}
        title="购物车即将上线"
        description="选好的商品会在这里汇总，提交前能看到每一行价格的由来，以及再买多少可享满减。"
      />
    </View>
  );
}
