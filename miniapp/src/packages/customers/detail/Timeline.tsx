import { Text, View } from '@tarojs/components';
import type { JourneyEntry } from '@shared/wecom/journey';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghai } from '@shared/time';

/** One step of the journey: what happened, when (China time), through which campaign; a coupon's face value. */
function Step({ e }: { e: JourneyEntry }) {
  return (
    <View className={`journey-step journey-step-${e.kind}${e.ownStore ? '' : ' journey-step-other'}`}>
      <View className="journey-dot" />
      <View className="journey-body">
        <View className="journey-line">
          <Text className="journey-label">{e.label}</Text>
          <Text className="journey-time muted">{formatShanghai(e.at)}</Text>
        </View>
        <Text className="journey-text">{e.text}</Text>
        {e.kind === 'coupon' && e.amount !== null ? <Text className="journey-meta muted">券面 {formatFen(e.amount)}</Text> : null}
        {e.campaignTitle ? <Text className="journey-meta muted">活动「{e.campaignTitle}」</Text> : null}
      </View>
    </View>
  );
}

/** The customer's timeline, newest first. */
export function Timeline({ entries }: { entries: readonly JourneyEntry[] }) {
  if (entries.length === 0) return <Text className="journey-none muted">还没有互动记录</Text>;
  return (
    <View className="journey">
      {entries.map((e, i) => (
        <Step key={`${e.kind}:${e.at}:${i}`} e={e} />
      ))}
    </View>
  );
}
