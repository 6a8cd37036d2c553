import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import { usePersonaReload } from '../../components/PersonaReload';
import { loadMe } from '../../services/session';
import { useCall } from '../../services/useCall';
import { PersonaBar } from './PersonaBar';
import { Profile } from './Profile';
import { Unregistered } from './Unregistered';
import './index.scss';

/**
 * 我的: who the caller is (users.me): name, role, and the dealer they belong to. Its answer is
 * also what the other tabs remember of the caller (services/session). Asked again on pull-down
 * and, in local builds, when the persona changes.
 */
export default function MePage() {
  const { state, reload } = useCall(() => loadMe());
  usePersonaReload(() => void reload());
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="page page-me">
      {LOCAL_CLOUD ? <PersonaBar name={state.status === 'ok' ? (state.data.registered ? state.data.name : '未登记的微信用户') : null} /> : null}
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? state.data.registered ? <Profile me={state.data} /> : <Unregistered openid={state.data.openid} /> : null}
    </View>
  );
}
