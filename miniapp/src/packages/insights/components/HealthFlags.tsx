import { Text, View } from '@tarojs/components';

/** 流失风险 / 增长空间, as tags in words (never a colour alone). */
export function HealthFlags({ churnRisk, growthRoom }: { churnRisk: boolean; growthRoom: boolean }) {
  if (!churnRisk && !growthRoom) return null;
  return (
    <View className="insights-row insights-flags">
      {churnRisk ? <Text className="insights-tag-risk insights-flag-churn">流失风险</Text> : null}
      {growthRoom ? <Text className="insights-tag-growth insights-flag-growth">增长空间</Text> : null}
    </View>
  );
}
