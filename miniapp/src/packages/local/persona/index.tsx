import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell, Tag } from '@nutui/nutui-react-taro';
import { PageState } from '../../../components/PageState';
import type { Persona } from '../../../services/persona';
import { currentPersona, loadPersonas, switchPersona } from '../../../services/persona';
import './index.scss';

/**
 * Local builds only: choose which demo user the H5 app calls the local cloud as. The choice is
 * kept in storage (local.persona) and every open page reloads as the new caller.
 */
export default function PersonaPage() {
  const [personas, setPersonas] = useState<readonly Persona[] | null>(null);
  const [current, setCurrent] = useState(currentPersona());

  useEffect(() => {
    void loadPersonas().then(setPersonas);
  }, []);

  const choose = (openid: string) => {
    switchPersona(openid);
    setCurrent(openid);
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.switchTab({ url: '/pages/me/index' });
  };

  if (!LOCAL_CLOUD) {
    return (
      <View className="page">
        <PageState status="empty" title="仅本地调试版本可用" description="正式版本的身份由微信提供，无需切换。" />
      </View>
    );
  }
  return (
    <View className="page page-persona">
      <Text className="persona-hint">本页只存在于本地调试版本。选择一个演示身份后，页面会以该身份重新调用云函数。</Text>
      {personas === null ? (
        <PageState status="loading" rows={5} />
      ) : (
        <Cell.Group>
          {personas.map((p) => (
            <Cell
              key={p.openid}
              className={`persona-option persona-option-${p.openid}`}
              clickable
              title={
                <View className="persona-title">
                  <Text>{p.name}</Text>
                  {p.openid === current ? (
                    <Tag className="persona-current-tag" type="primary">
                      当前
                    </Tag>
                  ) : null}
                </View>
              }
              // Names only: an openid means nothing to the person choosing (the option's class keeps it for tests).
              description={`${p.roleLabel}${p.dealerName ? ` · ${p.dealerName}` : ''}`}
              onClick={() => choose(p.openid)}
            />
          ))}
        </Cell.Group>
      )}
    </View>
  );
}
