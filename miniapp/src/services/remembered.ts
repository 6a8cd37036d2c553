import Taro from '@tarojs/taro';
import type { MeOutput } from '@shared/contracts';
import { currentPersona } from './persona';

/**
 * The caller's profile as the phone remembers it (./session keeps it; this part only reads it, with
 * no call behind it, so the launch can read it before any page loads).
 */
export const SESSION_STORAGE_KEY = 'session.me.v1';

export interface Remembered {
  who: string;
  me: MeOutput;
}

/** The remembered profile of the current caller, or null. */
export function knownMe(): MeOutput | null {
  try {
    const stored = Taro.getStorageSync(SESSION_STORAGE_KEY) as Remembered | '' | undefined;
    return stored && typeof stored === 'object' && stored.who === currentPersona() && stored.me ? stored.me : null;
  } catch {
    return null;
  }
}
