import { View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import icon from '../../assets/tab/rebates-on.png';

/** 返利: 这里将显示本期返利进度、距下一档还差多少、预计可得返利，以及结算时可抵扣的返利余额。 */
export default function RebatesPage() {
  return (
    <View className="page page-rebates">
      <PageState
        status="empty"
        icon={icon}
        title="返利即将上线"
        description="这里将显示本期返利进度、距下一档还差多少、预计可得返利，以及结算时可抵扣的返利余额。"
      />
    </View>
  );
}
