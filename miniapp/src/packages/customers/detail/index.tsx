import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import type { CustomerJourneyView } from '@shared/contracts/wecom-journey';
import { formatFen } from '@shared/money/format-fen';
import { tagLabel } from '@shared/wecom/tags';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { Timeline } from './Timeline';
import './index.scss';

/** The id as the list put it in the URL (encoded); a malformed one is used as it came. */
function idParam(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

const VIA: Record<string, string> = { contact_way: '扫导购的「联系我」码添加', code: '扫活动码添加' };

/**
 * 客户旅程: one customer as the clerk serves her — tags, the campaign and code that brought her,
 * and everything she did, newest first (wecom.customerJourney joins her WeCom contact and her
 * mini-program visits, lead, coupon and redemption by unionid). Customers are the brand's: after a
 * clerk leaves, the clerk who takes over sees the same journey.
 */
export default function CustomerJourneyPage() {
  const id = idParam(useRouter().params['id']);
  const { state, reload } = useCall(() => call('wecom', 'customerJourney', { externalUserId: id }));
  return (
    <View className="page page-journey">
      {state.status === 'loading' ? <PageState status="loading" rows={6} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <Journey j={state.data} /> : null}
    </View>
  );
}

function Journey({ j }: { j: CustomerJourneyView }) {
  const c = j.customer;
  const b = j.broughtBy;
  return (
    <View>
      <View className="card journey-head">
        <Text className="journey-name">{c.name}</Text>
        <Text className="muted journey-sub">
          {c.clerkName ? `跟进导购 ${c.clerkName} · ` : ''}
          {c.statusLabel}
          {c.linkedUsers > 0 ? ' · 已关联小程序' : ' · 未关联小程序'}
        </Text>
        <View className="journey-tags">
          {c.tags.map((t) => (
            <Tag key={`${t.group}/${t.name}`} type="primary" plain>
              {t.group}：{tagLabel(t, c.userId)}
            </Tag>
          ))}
        </View>
      </View>
      <View className="card journey-source">
        <Text className="journey-section">来源</Text>
        <Text className="journey-source-text">
          {b.campaignTitle ? `活动「${b.campaignTitle}」` : '没有活动码（直接添加）'}
          {b.via ? ` · ${VIA[b.via]}` : ''}
          {b.clerkName ? ` · 导购 ${b.clerkName}` : ''}
        </Text>
        {b.code ? <Text className="muted journey-code">活动码 {b.code}</Text> : null}
      </View>
      <View className="card journey-totals">
        <Text>访问 {j.totals.visits}</Text>
        <Text>留资 {j.totals.leads}</Text>
        <Text>核销 {j.totals.redemptions}</Text>
        <Text>消费 {formatFen(j.totals.sales)}</Text>
      </View>
      <View className="card">
        <Text className="journey-section">客户旅程</Text>
        <Timeline entries={j.entries} />
      </View>
    </View>
  );
}
