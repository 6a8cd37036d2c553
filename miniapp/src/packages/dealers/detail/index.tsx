import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { PageState } from '../../../components/PageState';
import { dealersCall } from '../api';
import { ManagePanel } from './ManagePanel';
import { StaffPanel } from './StaffPanel';
import { useDealer } from './useDealer';
import '../dealers.scss';

/**
 * 经销商详情: credit used and limit, terms, orders, rebate balance and its people. A manager or an
 * admin also changes credit, terms, ordering and (admin) level here, and opens the dealer's level
 * proposals and its offboarding; an owner manages its people.
 */
export default function DealerDetailPage() {
  const { dealerId, role, state, reload, invitation, busy, act, invite } = useDealer();
  if (state.status === 'loading') return <PageState status="loading" rows={6} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const d = state.data;
  const manager = role === 'manager' || role === 'admin';
  return (
    <View className="page page-dealer-detail">
      <View className="card dealers-card">
        <View className="dealers-head">
          <Text className="dealer-name">{d.name}</Text>
          <Tag type={d.status === 'active' ? 'success' : 'danger'}>{d.status === 'active' ? '正常' : '已暂停下单'}</Tag>
        </View>
        <Text className="muted">
          {d.levelName} · {d.regionName} · {d.city} · 联系人 {d.contactName} {d.contactMobile}
        </Text>
      </View>
      <Cell.Group>
        <Cell title="信用额度" extra={<Text className="dealer-limit">{formatFen(d.credit.creditLimit)}</Text>} />
        <Cell title="已用（应收 + 占用）" extra={formatFen(d.credit.receivable + d.credit.reserved)} />
        <Cell title="可用额度" extra={<Text className="dealer-headroom">{formatFen(d.credit.headroom)}</Text>} />
        <Cell title="账期" extra={<Text className="dealer-terms">{d.credit.paymentTermDays} 天</Text>} />
        <Cell title="返利余额" extra={formatFen(d.rebateBalance)} />
        <Cell title="订单" extra={`共 ${d.orders.count} 笔 · 对账单 ›`} clickable onClick={() => void Taro.navigateTo({ url: `/${d.statementPath}` })} />
      </Cell.Group>
      {manager ? (
        <Cell.Group>
          <Cell
            className="dealer-proxy-order"
            title="代客下单"
            extra="按该经销商的价格下单 ›"
            clickable
            onClick={() => void Taro.navigateTo({ url: `/packages/proxy/index?dealerId=${dealerId}` })}
          />
          <Cell
            className="dealer-proposals"
            title="等级调整建议"
            extra="按月度评级升降级 ›"
            clickable
            onClick={() => void Taro.navigateTo({ url: `/packages/dealers/proposals/index?dealerId=${dealerId}` })}
          />
          <Cell
            className="dealer-offboarding"
            title="清退与交接"
            extra="发起清退或查看进度 ›"
            clickable
            onClick={() => void Taro.navigateTo({ url: `/packages/dealers/offboarding/index?dealerId=${dealerId}` })}
          />
        </Cell.Group>
      ) : null}
      <StaffPanel
        dealer={d}
        manager={manager}
        invitation={invitation}
        busy={busy}
        onInvite={(r, name) => void invite(r, name)}
        onRemove={(userId, reason) => void act(() => dealersCall('removeStaff', { userId, reason }), '已移除')}
      />
      {manager ? (
        <ManagePanel
          dealer={d}
          admin={role === 'admin'}
          busy={busy}
          actions={{
            setCredit: (creditLimitFen, paymentTermDays, reason) =>
              void act(() => dealersCall('setCredit', { dealerId, creditLimitFen, paymentTermDays, reason }), '已保存'),
            setOrdering: (suspended, reason) =>
              void act(() => dealersCall('setOrdering', { dealerId, suspended, reason }), suspended ? '已暂停下单' : '已恢复下单'),
            setLevel: (level, reason) => void act(() => dealersCall('setLevel', { dealerId, level, reason }), '级别已调整'),
          }}
        />
      ) : null}
    </View>
  );
}
