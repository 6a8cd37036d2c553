import { Text, View } from '@tarojs/components';
import { LEAD_PRIVACY_POLICY } from '@shared/campaigns';
import '../components/campaign.scss';

/**
 * 个人信息保护说明: the privacy policy the lead form links to (个人信息保护法 art. 17 asks the
 * handler to state who processes what, why, for how long, and how to exercise one's rights).
 * The text and its version live in shared/campaigns/privacy.ts, beside the notice of the form.
 */
export default function PrivacyPage() {
  return (
    <View className="page campaign-page campaign-privacy">
      <View className="campaign-card">
        <Text className="campaign-title">个人信息保护说明</Text>
        {LEAD_PRIVACY_POLICY.map((s) => (
          <View key={s.title} className="campaign-privacy-section">
            <Text className="campaign-section-title">{s.title}</Text>
            <Text className="campaign-privacy-body">{s.body}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
