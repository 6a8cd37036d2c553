import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { MeOutput } from '@shared/contracts';
import { usePersonaReload } from '../components/PersonaReload';
import { askedThisLaunch, knownMe, loadMe, meAnsweredAtLaunch } from './session';
import type { Audience, TabName } from './tab-rules';
import { TAB_URLS, audienceOf, homeTab, tabWorksFor } from './tab-rules';

/**
 * The tab bar by role: which tabs work for whom is in ./tab-rules (no React, no calls, so the
 * launch can use it before any page loads); here each tab page applies it.
 */
export type { Audience, TabName } from './tab-rules';
export { TAB_URLS, audienceOf, homeTab, tabWorksFor } from './tab-rules';

export type TabAccess = { status: 'checking' } | { status: 'open'; audience: Audience | null } | { status: 'closed'; audience: Audience };

/**
 * The screen the app opened on takes the caller home if it is not for them; a tab they went to
 * later explains itself instead (bouncing away from a tab just tapped would only confuse). Which
 * screen that is comes from the launch options; where they are unknown, the first tab resolved.
 */
let landed = false;

function launchedOn(tab: TabName): boolean {
  try {
    const path = Taro.getLaunchOptionsSync()?.path;
    if (typeof path !== 'string' || path === '') return true;
    return path.replace(/^\//, '').split('?')[0] === TAB_URLS[tab].slice(1);
  } catch {
    return true;
  }
}

/**
 * Whether this tab works for the caller. `checking` only when the phone does not know the caller
 * yet (the first launch); an unknown caller whose users.me fails gets the tab (`open`, audience
 * null): the action itself will answer. `refused()` is for a page whose own call was refused
 * (FORBIDDEN, UNAUTHENTICATED): the remembered role was out of date, so ask again.
 */
export function useTabAccess(tab: TabName): { access: TabAccess; refused: () => void } {
  // A first visit whose launch users.me has already answered is not `checking` either.
  const [me, setMe] = useState<MeOutput | null | undefined>(() => knownMe() ?? meAnsweredAtLaunch() ?? undefined);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const ask = useCallback(() => {
    void loadMe().then((res) => {
      if (alive.current) setMe(res.ok ? res.data : (knownMe() ?? null));
    });
  }, []);

  useEffect(() => {
    // Remembered from an earlier launch: use it now, and check it once in the background.
    if (me === undefined || !askedThisLaunch()) ask();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount: later changes come from the persona switcher or a refusal.
  }, []);

  usePersonaReload(() => {
    const now = knownMe();
    setMe(now ?? undefined);
    if (!now) ask();
  });

  const access: TabAccess =
    me === undefined
      ? { status: 'checking' }
      : me === null
        ? { status: 'open', audience: null }
        : tabWorksFor(tab, audienceOf(me))
          ? { status: 'open', audience: audienceOf(me) }
          : { status: 'closed', audience: audienceOf(me) };

  const closedFor = access.status === 'closed' ? access.audience : null;
  useEffect(() => {
    if (access.status === 'checking' || landed) return;
    landed = true;
    if (closedFor && launchedOn(tab)) void Taro.switchTab({ url: TAB_URLS[homeTab(closedFor)] });
  }, [access.status, closedFor, tab]);

  return { access, refused: ask };
}
