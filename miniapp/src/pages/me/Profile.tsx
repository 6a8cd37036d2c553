import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar, Cell, Tag } from '@nutui/nutui-react-taro';
import type { MeOutput } from '@shared/contracts';
import { ROLE_LABELS } from '@shared/roles';
import { HubCell } from './HubCell';
import { TierCells } from './TierCells';

export type Registered = Extract<MeOutput, { registered: true }>;

/** Who the caller is (name, role, mobile), the dealer they belong to, and the entries their role has. */
export function Profile({ me }: { me: Registered }) {
  const dealer = me.dealer;
  return (
    <View className="me-profile">
      <View className="card me-header">
        <Avatar className="me-avatar" size="large" background="#1d4fd8" color="#ffffff">
          {me.name.slice(0, 1)}
        </Avatar>
        <View className="me-header-text">
          <Text className="me-name">{me.name}</Text>
          <View className="me-header-tags">
            <Tag className="me-role" type="primary">
              {ROLE_LABELS[me.role]}
            </Tag>
            {me.mobile ? <Text className="me-mobile muted">{me.mobile}</Text> : null}
          </View>
        </View>
      </View>
      {me.role === 'clerk' || me.role === 'dealer' ? (
        <View className="me-section">
          <Cell.Group>
            <Cell
              className="me-customers"
              title="我的客户"
              description="企业微信添加的客户与标签"
              clickable
              onClick={() => void Taro.navigateTo({ url: '/packages/customers/list/index' })}
            />
            {me.role === 'clerk' ? <HubCell extra="培训与必读资料 ›" badge /> : null}
            <Cell
              className="me-push"
              title={me.role === 'clerk' ? '话术库' : '总部下发'}
              extra={me.role === 'clerk' ? '一键复制 ›' : '导购发送情况 ›'}
              clickable
              onClick={() => void Taro.navigateTo({ url: `/packages/wecom-push/${me.role === 'clerk' ? 'scripts' : 'tasks'}/index` })}
            />
          </Cell.Group>
        </View>
      ) : null}
      <View className="me-section">
        <Cell.Group>
          <Cell
            className="me-campaigns"
            title="活动推广"
            extra="分享码 · 海报 · 数据"
            onClick={() => void Taro.navigateTo({ url: '/packages/campaign/list/index' })}
          />
        </Cell.Group>
      </View>
      {dealer ? (
        <View className="me-section">
          <Text className="me-section-title">所属经销商</Text>
          <Cell.Group>
            <Cell title="经销商" extra={<Text className="me-dealer">{dealer.name}</Text>} />
            <Cell title="等级" extra={<Text className="me-level">{dealer.levelName}</Text>} />
            <Cell title="区域" extra={<Text className="me-region">{dealer.regionName}</Text>} />
            {me.role === 'dealer' ? (
              <Cell
                className="me-credit"
                title="信用额度"
                extra="额度 · 可用 · 账期 ›"
                clickable
                onClick={() => void Taro.navigateTo({ url: '/packages/dealers/credit/index' })}
              />
            ) : null}
          </Cell.Group>
        </View>
      ) : (
        <View className="me-section">
          <Cell.Group>
            <Cell title="所属" extra={<Text className="me-dealer me-dealer-none">品牌方（不隶属经销商）</Text>} />
          </Cell.Group>
        </View>
      )}
      <OrderEntries role={me.role} />
    </View>
  );
}

/** Ordering's entries on 我的: 对账单 and 我的退货 for dealers, 订单审批 for channel managers and admins (退货收货 for admins). */
function OrderEntries({ role }: { role: Registered['role'] }) {
  const open = (url: string) => () => void Taro.navigateTo({ url });
  if (role === 'dealer') {
    return (
      <View className="me-section">
        <Cell.Group>
          <Cell className="me-statement" title="对账单" extra="按月核对订货与回款 ›" clickable onClick={open('/packages/orders/statement/index')} />
          <Cell className="me-returns" title="我的退货" extra="退货申请与退款 ›" clickable onClick={open('/packages/aftersales/list/index')} />
          <Cell className="me-staff" title="人员与邀请" extra="邀请采购、导购 ›" clickable onClick={open('/packages/dealers/detail/index')} />
          <HubCell extra="政策、培训与必读资料 ›" badge />
          <Cell className="me-scorecard" title="我的评级" extra="月度评分卡与评级原因 ›" clickable onClick={open('/packages/enablement/scorecard/index')} />
        </Cell.Group>
        <TierCells />
      </View>
    );
  }
  if (role === 'manager' || role === 'admin') {
    return (
      <View className="me-section">
        <Cell.Group>
          <Cell className="me-approvals" title="订单审批" extra="待我审批的订单 ›" clickable onClick={open('/packages/approvals/index')} />
          <Cell className="me-review" title="加盟审核" extra="待审核的加盟申请 ›" clickable onClick={open('/packages/dealers/review/index')} />
          <Cell className="me-dealers" title="经销商" extra="额度 · 账期 · 人员 ›" clickable onClick={open('/packages/dealers/list/index')} />
          <Cell className="me-insights" title="洞察" extra="趋势 · 预测 · 预警 · 健康度 ›" clickable onClick={open('/packages/insights/index/index')} />
          <Cell className="me-proposals" title="等级调整建议" extra="月度评级的升降级 ›" clickable onClick={open('/packages/dealers/proposals/index')} />
          <Cell className="me-sellthrough" title="分销流向" extra="一级经销商向下级的出货 ›" clickable onClick={open('/packages/tier/sellthrough/index')} />
          {role === 'admin' ? (
            <Cell
              className="me-returns-receive"
              title="退货收货"
              extra="待收货入库的退货 ›"
              clickable
              onClick={open('/packages/aftersales/list/index?status=shipped_back')}
            />
          ) : null}
          {role === 'admin' ? (
            <Cell className="me-erp" title="金蝶对账" extra="ERP 同步与差异 ›" clickable onClick={open('/packages/erp/reconcile/index')} />
          ) : null}
          {role === 'admin' ? (
            <Cell className="me-webhooks" title="Webhook 推送" extra="死信与重发 ›" clickable onClick={open('/packages/integration/deliveries/index')} />
          ) : null}
          {role === 'admin' ? (
            <Cell className="me-push" title="总部下发" extra="企业微信群发 · 执行率 ›" clickable onClick={open('/packages/wecom-push/tasks/index')} />
          ) : null}
          <HubCell extra="资料与阅读情况 ›" badge={role === 'manager'} />
        </Cell.Group>
      </View>
    );
  }
  return null;
}
