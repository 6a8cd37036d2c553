import { useEffect, useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { PERSONA_CHANGED, currentPersona } from '../../services/persona';

/**
 * Local builds only: call `reload` when the persona changes (the switcher fires an event; coming
 * back to a tab page that loaded as someone else also counts). Prices are per dealer, so a page
 * that shows prices must never keep the previous caller's.
 *
 * In production builds this is a no-op chosen at build time: LOCAL_CLOUD is a constant, so the
 * bundler drops the local implementation and, with it, every reference to the persona module
 * (a test checks that nothing of the switcher ships to WeChat).
 */
export const usePersonaReload: (reload: () => void) => void = LOCAL_CLOUD ? useLocalPersonaReload : noop;

function noop(): void {}

function useLocalPersonaReload(reload: () => void): void {
  const loadedAs = useRef(currentPersona());
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
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
    const now = currentPersona();
    if (now !== loadedAs.current) {
      loadedAs.current = now;
      reloadRef.current();
    }
  });
}
