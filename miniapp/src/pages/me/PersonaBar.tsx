import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

/** Local builds: show who we are pretending to be (by name: an openid means nothing to a person) and open the switcher. */
export function PersonaBar({ name }: { name: string | null }) {
  return (
    <View className="persona-bar">
      <Text className="persona-current">本地调试身份：{name ?? '…'}</Text>
      <View className="persona-switch" onClick={() => void Taro.navigateTo({ url: '/packages/local/persona/index' })}>
        切换身份
      </View>
    </View>
  );
}
