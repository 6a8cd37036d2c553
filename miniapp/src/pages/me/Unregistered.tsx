import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/** A WeChat user no one has registered yet: the id to give the brand, and the application form. */
export function Unregistered({ openid }: { openid: string }) {
  return (
    <View className="me-unregistered">
      <View className="card">
        <Text className="me-unregistered-title">尚未开通经销商账号</Text>
        <Text className="me-unregistered-hint">
          当前微信还没有登记为经销商、导购或品牌方人员。可在线申请加盟，或请联系品牌方开通经销商账号；已收到邀请码的，点“我有邀请码”完成绑定。
        </Text>
        <View className="me-openid-row" onClick={() => void Taro.setClipboardData({ data: openid })}>
          <Text className="muted">你的识别码（点击复制，开通时提供给品牌方）</Text>
          <Text className="me-openid">{openid}</Text>
        </View>
      </View>
      <Button className="me-apply" type="primary" block onClick={() => void Taro.navigateTo({ url: '/packages/account/apply/index' })}>
        申请成为经销商
      </Button>
      <Button className="me-invite" block onClick={() => void Taro.navigateTo({ url: '/packages/account/invite/index' })}>
        我有邀请码
      </Button>
    </View>
  );
}
