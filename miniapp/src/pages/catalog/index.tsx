import { View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import icon from '../../assets/tab/catalog-on.png';

/** 商品: 这里将展示按你的经销商等级和区域定价的商品，可按箱或按件订货，并能看到实时库存。 */
export default function CatalogPage() {
  return (
    <View className="page page-catalog">
      <PageState
        status="empty"
        icon={icon}
        title="商品目录即将上线"
        description="这里将展示按你的经销商等级和区域定价的商品，可按箱或按件订货，并能看到实时库存。"
      />
    </View>
  );
}
