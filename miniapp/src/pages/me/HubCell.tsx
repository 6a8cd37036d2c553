import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { mustReadCount } from '@shared/contracts/enablement-badge';
import { callContract } from '../../services/cloud';

/**
 * 赋能中心's entry with a badge of the must-reads not read yet (dealers, clerks, managers; an
 * admin reads nothing there). One small call, asked after the profile is on screen and again
 * when 我的 shows again (back from the hub); a failed count shows no badge rather than an error.
 */
export function HubCell({ extra, badge }: { extra: string; badge: boolean }) {
  const [count, setCount] = useState(0);
  const ask = useCallback(() => {
    if (badge) void callContract('enablement', 'mustReadCount', mustReadCount, {}).then((r) => r.ok && setCount(r.data.count));
  }, [badge]);
  useEffect(ask, [ask]);
  useDidShow(ask);
  return (
    <Cell
      className="me-enablement"
      title="赋能中心"
      extra={count > 0 ? <Text className="me-hub-badge">{count} 份必读未读 ›</Text> : extra}
      clickable
      onClick={() => void Taro.navigateTo({ url: '/packages/enablement/index' })}
    />
  );
}
