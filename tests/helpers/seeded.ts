import { pinClock } from './clock';
import type { TestCloud } from './local-cloud';
import { createSeededTestCloud } from './seed-snapshot';

export type Envelope<T = Record<string, unknown>> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; issues?: Array<{ path: string; code: string; message: string }>; details?: Record<string, unknown> } };

/**
 * A local cloud holding the demo data set at its fixed reference date, and a typed call helper.
 * The test file's clock is pinned next to that date (tests/helpers/clock.ts) unless `clock` is
 * given, so nothing depends on the day the suite runs.
 */
export function seededCloud(
  opts: { clock?: number } = {},
): TestCloud & { call: <T = Record<string, unknown>>(fn: string, event: unknown, openid?: string, source?: string) => Promise<Envelope<T>> } {
  pinClock(opts.clock);
  // The seeded database and storage of tests/helpers/seed-snapshot.ts, copied for this file alone:
  // what seed(cloud, { referenceDate: TEST_REFERENCE_DATE }) writes, without generating it again.
  const t = createSeededTestCloud();
  return {
    ...t,
    call: <T>(fn: string, event: unknown, openid?: string, source?: string) => t.cloud.invoke(fn, event, { openid, source }) as Promise<Envelope<T>>,
  };
}

/** The data of an ok envelope, or a failure that shows the error. */
export function okData<T>(res: Envelope<T>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.data;
}
