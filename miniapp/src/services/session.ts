import Taro from '@tarojs/taro';
import type { MeOutput } from '@shared/contracts';
import type { CallResult } from './cloud';
import { answeredAtLaunch, call } from './cloud';
import { currentPersona } from './persona';
import type { Remembered } from './remembered';
import { SESSION_STORAGE_KEY } from './remembered';

/**
 * Who the caller is (users.me), remembered on the phone so the tabs can decide what to show
 * without asking first: role, dealer, and the subscription-message templates the role receives
 * (the consent dialog must open inside a tap, with no time to ask the server then).
 *
 * Kept in storage per identity (in WeChat there is one; the local build's persona switcher makes
 * several), asked again once per launch in the background, and whenever an answer says the
 * remembered role is out of date. Nothing here decides access: the functions do, on every call.
 */
export { SESSION_STORAGE_KEY, knownMe } from './remembered';

/** Identities asked this launch. */
const asked = new Set<string>();
let inFlight: { who: string; answer: Promise<CallResult<'users', 'me'>> } | null = null;

/** Whether this launch already asked the server who the current caller is. */
export function askedThisLaunch(): boolean {
  return asked.has(currentPersona());
}

function remember(who: string, me: MeOutput): void {
  asked.add(who);
  try {
    const value: Remembered = { who, me };
    Taro.setStorageSync(SESSION_STORAGE_KEY, value);
  } catch {
    // Storage full or unavailable: the next launch asks again.
  }
}

/**
 * The caller as the launch's users.me already answered (local H5, a first visit), remembered as
 * loadMe() would (so this launch does not ask again); null when that answer has not come.
 */
export function meAnsweredAtLaunch(): MeOutput | null {
  const res = answeredAtLaunch('users', 'me');
  if (!res?.ok) return null;
  remember(currentPersona(), res.data);
  return res.data;
}

/** Ask users.me (one request at a time per caller) and remember a good answer. */
export function loadMe(): Promise<CallResult<'users', 'me'>> {
  const who = currentPersona();
  if (inFlight?.who === who) return inFlight.answer;
  const answer = call('users', 'me').then((res) => {
    if (res.ok) remember(who, res.data);
    return res;
  });
  const mine = { who, answer };
  inFlight = mine;
  void answer.finally(() => {
    if (inFlight === mine) inFlight = null;
  });
  return answer;
}
