import { View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import icon from '../../../assets/tab/me-on.png';

/**
 * 申请成为经销商: placeholder for the dealer application portal (scenario 1 of the design:
 * application, admission rules with auto-screening, review). For now it tells the visitor the
 * way in that works today.
 */
export default function ApplyPage() {
  return (
    <View className="page page-apply">
      <PageState
        status="empty"
        icon={icon}
        title="在线申请即将开放"
        description="在线提交经销商申请、资质自动初审和审核进度查询即将上线。现在请直接联系品牌方渠道经理开通账号，开通后回到“我的”下拉刷新即可。"
      />
    </View>
  );
}
