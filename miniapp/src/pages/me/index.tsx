import { useEffect, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar, Button, Cell, Tag } from '@nutui/nutui-react-taro';
import type { MeOutput } from '@shared/contracts';
import { ROLE_LABELS } from '@shared/roles';
import { PageState } from '../../components/PageState';
import { PERSONA_CHANGED, currentPersona } from '../../services/persona';
import { loadMe } from '../../services/session';
import { useCall } from '../../services/useCall';
import './index.scss';

type Registered = Extract<MeOutput, { registered: true }>;

/**
 * 我的: who the caller is (users.me): name, role, and the dealer they belong to. Its answer is
 * also what the other tabs remember of the caller (services/session).
 */
export default function MePage() {
  const { state, reload } = useCall(() => loadMe());
  usePersonaReload(reload);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="page page-me">
      {LOCAL_CLOUD ? <PersonaBar /> : null}
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? (
        <PageState status="error" message={state.error.message} onRetry={() => void reload()} />
      ) : null}
      {state.status === 'ok' ? (
        state.data.registered ? <Profile me={state.data} /> : <Unregistered openid={state.data.openid} />
      ) : null}
    </View>
  );
}

function Profile({ me }: { me: Registered }) {
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
            <Cell className="me-customers" title="我的客户" description="企业微信添加的客户与标签" clickable onClick={() => void Taro.navigateTo({ url: '/packages/customers/list/index' })} />
          </Cell.Group>
        </View>
      ) : null}
      <View className="me-section">
        <Cell.Group>
          <Cell className="me-campaigns" title="活动推广" extra="分享码 · 海报 · 数据" onClick={() => void Taro.navigateTo({ url: '/packages/campaign/list/index' })} />
        </Cell.Group>
      </View>
      {dealer ? (
        <View className="me-section">
          <Text className="me-section-title">所属经销商</Text>
          <Cell.Group>
            <Cell title="经销商" extra={<Text className="me-dealer">{dealer.name}</Text>} />
            <Cell title="等级" extra={<Text className="me-level">{dealer.levelName}</Text>} />
            <Cell title="区域" extra={<Text className="me-region">{dealer.regionName}</Text>} />
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

/** Ordering's entries on 我的: 对账单 for dealers, 订单审批 for channel managers and admins. */
function OrderEntries({ role }: { role: Registered['role'] }) {
  const open = (url: string) => () => void Taro.navigateTo({ url });
  if (role === 'dealer') {
    return (
      <View className="me-section">
        <Cell.Group>
          <Cell className="me-statement" title="对账单" extra="按月核对订货与回款 ›" clickable onClick={open('/packages/orders/statement/index')} />
        </Cell.Group>
      </View>
    );
  }
  if (role === 'manager' || role === 'admin') {
    return (
      <View className="me-section">
        <Cell.Group>
          <Cell className="me-approvals" title="订单审批" extra="待我审批的订单 ›" clickable onClick={open('/packages/approvals/index')} />
        </Cell.Group>
      </View>
    );
  }
  return null;
}

function Unregistered({ openid }: { openid: string }) {
  return (
    <View className="me-unregistered">
      <View className="card">
        <Text className="me-unregistered-title">尚未开通经销商账号</Text>
        <Text className="me-unregistered-hint">
          当前微信还没有登记为经销商、导购或品牌方人员。请联系品牌方开通经销商账号，开通后下拉刷新即可使用。
        </Text>
        <View className="me-openid-row" onClick={() => void Taro.setClipboardData({ data: openid })}>
          <Text className="muted">你的识别码（点击复制，开通时提供给品牌方）</Text>
          <Text className="me-openid">{openid}</Text>
        </View>
      </View>
      <Button
        className="me-apply"
        type="primary"
        block
        onClick={() => void Taro.navigateTo({ url: '/packages/account/apply/index' })}
      >
        申请成为经销商
      </Button>
    </View>
  );
}

/** Local builds: show who we are pretending to be and open the switcher. */
function PersonaBar() {
  return (
    <View className="persona-bar">
      <Text className="persona-current">本地调试身份：{currentPersona()}</Text>
      <View
        className="persona-switch"
        onClick={() => void Taro.navigateTo({ url: '/packages/local/persona/index' })}
      >
        切换身份
      </View>
    </View>
  );
}

/** Re-ask users.me when the local persona changes (the switcher page, or coming back to the tab). */
function usePersonaReload(reload: () => Promise<void>): void {
  const loadedAs = useRef(LOCAL_CLOUD ? currentPersona() : '');
  useEffect(() => {
    if (!LOCAL_CLOUD) return undefined;
    const onChange = (openid: string) => {
      loadedAs.current = openid;
      void reload();
    };
    Taro.eventCenter.on(PERSONA_CHANGED, onChange);
    return () => {
      Taro.eventCenter.off(PERSONA_CHANGED, onChange);
    };
  }, [reload]);
  useDidShow(() => {
    if (!LOCAL_CLOUD) return;
    const now = currentPersona();
    if (now !== loadedAs.current) {
      loadedAs.current = now;
      void reload();
    }
  });
}
