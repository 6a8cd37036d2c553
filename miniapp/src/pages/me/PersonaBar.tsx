import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { currentPersona } from '../../services/persona';

/** Local builds: show who we are pretending to be and open the switcher. */
export function PersonaBar() {
  return (
    <View className="persona-bar">
      <Text className="persona-current">本地调试身份：{currentPersona()}</Text>
      <View className="persona-switch" onClick={() => void Taro.navigateTo({ url: '/packages/local/persona/index' })}>
        切换身份
      </View>
    </View>
  );
}
