import { Text, View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { Progress } from './Progress';
import { StartForm } from './StartForm';
import { useOffboarding } from './useOffboarding';
import '../dealers.scss';

/**
 * 清退与交接 (channel managers of the dealer's region, admins), opened from the dealer's page:
 * start an offboarding with its successor, then follow its steps — what is done, what a blocked
 * step waits for and why — and retry. Each step is the function's, stored and safe to run twice.
 */
export default function OffboardingPage() {
  const { dealerId, dealer, run, notStarted, busy, start, retry, reload } = useOffboarding();
  if (dealer.status === 'loading' || run.status === 'loading') return <PageState status="loading" rows={5} />;
  if (dealer.status === 'error') return <PageState status="error" message={dealer.error.message} onRetry={reload} />;
  if (run.status === 'error' && !notStarted) return <PageState status="error" message={run.error.message} onRetry={reload} />;
  return (
    <View className="page page-offboarding">
      {run.status === 'ok' ? (
        <Progress view={run.data} busy={busy} onRetry={(takeover) => void retry(takeover)} />
      ) : (
        <>
          <View className="card dealers-card">
            <Text className="dealers-head">{dealer.data.name}</Text>
            <Text className="muted">
              清退后立即停止下单；未发货订单取消、已送达订单完结，返利结清、钱包清零，企业微信客户移交接替方，二级经销商转挂，最后生成清退对账单。
            </Text>
          </View>
          <StartForm dealerId={dealerId} busy={busy} onStart={(input) => void start(input)} />
        </>
      )}
    </View>
  );
}
