import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { dealersCall } from '../api';
import '../dealers.scss';

/** 经销商 (channel managers, admins): the dealers of the caller's regions; tap one for its page. */
export default function DealerListPage() {
  const { state, reload } = useCall(() => dealersCall('list', { limit: 100 }));
  if (state.status === 'loading') return <PageState status="loading" rows={6} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const items = state.data.items;
  return (
    <View className="page page-dealer-list">
      {items.length === 0 ? <PageState status="empty" title="暂无经销商" description="你负责区域的经销商会出现在这里。" /> : null}
      <Cell.Group>
        {items.map((d) => (
          <Cell
            key={d.id}
            className={`dealer-item dealer-item-${d.id}`}
            title={
              <View className="dealers-row">
                <Text>{d.name}</Text>
                {d.status === 'suspended' ? <Tag type="danger">已暂停</Tag> : null}
              </View>
            }
            description={`${d.levelName} · ${d.regionName} · ${d.city} · 额度 ${formatFen(d.creditLimit)}`}
            clickable
            onClick={() => void Taro.navigateTo({ url: `/packages/dealers/detail/index?dealerId=${d.id}` })}
          />
        ))}
      </Cell.Group>
    </View>
  );
}
