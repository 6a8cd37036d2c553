import { Text } from '@tarojs/components';
import type { CampaignPhase } from '@shared/campaigns';

/** A campaign's phase (草稿 / 未开始 / 进行中 / 已结束) as a tag that keeps its width beside a long title. */
export function PhaseTag({ phase, label }: { phase: CampaignPhase; label: string }) {
  return <Text className={`campaign-phase campaign-phase-${phase}`}>{label}</Text>;
}
