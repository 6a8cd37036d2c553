import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';

const PAGES: Array<[string, string, string]> = [
  ['webhooks', 'Webhook 订阅', '/packages/integration/webhooks/index'],
  ['keys', '开放接口密钥', '/packages/integration/keys/index'],
  ['mappings', '金蝶映射', '/packages/integration/mappings/index'],
];

/** The integration settings beside the deliveries page (我的 → Webhook 推送 is their one entry, so the main package stays as it is). */
export function IntegrationNav() {
  return (
    <View className="integration-nav">
      {PAGES.map(([key, label, url]) => (
        <Button key={key} size="small" className={`integration-nav-${key}`} onClick={() => void Taro.navigateTo({ url })}>
          {label} ›
        </Button>
      ))}
    </View>
  );
}
