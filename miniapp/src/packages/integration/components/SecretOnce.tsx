import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';

/**
 * A secret shown this one time (a new partner key, a new webhook subscription): the system keeps
 * it only sealed and can never show it again, so the admin copies it now and hands it over.
 */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  return (
    <View className="card secret-once">
      <Text className="secret-once-title">{title}</Text>
      <Text className="secret-once-warning">密钥只显示这一次，关闭后无法再查看；请立即复制并通过安全渠道交给合作方。</Text>
      <Text className="secret-once-value" selectable>
        {secret}
      </Text>
      <View className="secret-once-actions">
        <Button size="small" type="primary" className="secret-once-copy" onClick={() => void Taro.setClipboardData({ data: secret })}>
          复制密钥
        </Button>
        <Button size="small" className="secret-once-done" onClick={onDone}>
          我已保存
        </Button>
      </View>
    </View>
  );
}
