import { useEffect, useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { PERSONA_CHANGED, currentPersona } from '../../services/persona';

/**
 * Local builds only: call `reload` when the persona changes (the switcher fires an event; coming
 * back to a tab page that loaded as someone else also counts). Prices are per dealer, so a page
 * that shows prices must never keep the previous caller's. No-op in production builds.
 */
export function usePersonaReload(reload: () => void): void {
  const loadedAs = useRef(LOCAL_CLOUD ? currentPersona() : '');
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    if (!LOCAL_CLOUD) return undefined;
    const onChange = (openid: string) => {
      loadedAs.current = openid;
      reloadRef.current();
    };
    Taro.eventCenter.on(PERSONA_CHANGED, onChange);
    return () => {
      Taro.eventCenter.off(PERSONA_CHANGED, onChange);
    };
  }, []);
  useDidShow(() => {
    if (!LOCAL_CLOUD) return;
    const now = currentPersona();
    if (now !== loadedAs.current) {
      loadedAs.current = now;
      reloadRef.current();
    }
  });
}
