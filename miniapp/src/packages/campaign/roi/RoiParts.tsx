import { Text, View } from '@tarojs/components';
import { formatRate } from '@shared/campaigns';
import type { ClerkRoiRow, DealerRoiRow, RoiMoney } from '@shared/campaigns/roi';
import { formatFen } from '@shared/money/format-fen';

/** Cost, revenue and ROI of one row, with what they are made of. */
export function Money({ m }: { m: RoiMoney }) {
  return (
    <View className="roi-money">
      <Text className="roi-rate">投资回报率 {formatRate(m.roi)}</Text>
      <Text className="campaign-muted">
        成本 {formatFen(m.cost)}（物料媒介 {formatFen(m.materialCost)} · 核销券 {formatFen(m.couponCost)}
        {m.budget ? ` · 专项预算 ${formatFen(m.budget)}` : ''}）
      </Text>
      <Text className="campaign-muted">
        收益 {formatFen(m.revenue)}（核销销售 {formatFen(m.sales)}
        {m.lift ? ` · 进货增量 ${formatFen(m.lift)}` : ''}）
      </Text>
    </View>
  );
}

export function DealerRow({ d }: { d: DealerRoiRow }) {
  return (
    <View className={`roi-row roi-dealer roi-dealer-${d.dealerId}`}>
      <Text className="roi-row-name">
        {d.rank}. {d.dealerName}（{d.codes} 个码 · 核销 {d.redemptions}）
      </Text>
      <Money m={d} />
      <Text className="campaign-muted roi-baseline">
        活动期进货 {formatFen(d.sellIn.during)} · 基线 {formatFen(d.sellIn.baseline)}
        {d.sellIn.seasonalBp !== null ? `（季节系数 ${formatRate(d.sellIn.seasonalBp)}）` : ''}
      </Text>
    </View>
  );
}

export function ClerkRow({ c }: { c: ClerkRoiRow }) {
  return (
    <View className={`roi-row roi-clerk roi-clerk-${c.clerkId}`}>
      <Text className="roi-row-name">
        {c.rank}. {c.clerkName} · {c.dealerName}（访问 {c.visits} · 留资 {c.leads} · 核销 {c.redemptions}）
      </Text>
      <Money m={c} />
    </View>
  );
}
