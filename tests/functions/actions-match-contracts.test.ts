import fs from 'node:fs';
import path from 'node:path';
import { contracts } from '../../shared/contracts';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

/**
 * One file per action, named after its contract key: `cloudfunctions/<fn>/src/actions/<kebab key>.ts`
 * exports a const named exactly the key, and the function's router accepts exactly the contract's
 * keys. A newcomer looking for `campaigns.funnelCsv` opens `campaigns/src/actions/funnel-csv.ts`.
 */
type Envelope = { ok: boolean; error?: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

const FUNCTIONS = path.join(__dirname, '..', '..', 'cloudfunctions');
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const functions = Object.keys(contracts) as Array<keyof typeof contracts>;
const keysOf = (fn: keyof typeof contracts) => Object.keys(contracts[fn]).sort();
const actionFiles = (fn: string) =>
  fs
    .readdirSync(path.join(FUNCTIONS, fn, 'src', 'actions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();

describe.each(functions.map((fn) => [fn]))('the %s function', (fn) => {
  it('has exactly one handler file per contract key, and no handler file without a contract', () => {
    expect(actionFiles(fn)).toEqual(keysOf(fn).map(kebab).sort());
  });

  it("exports from each handler file a const named after its key, declared on that key's contract", () => {
    for (const key of keysOf(fn)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(FUNCTIONS, fn, 'src', 'actions', `${kebab(key)}.ts`)) as Record<string, { contract?: unknown } | undefined>;
      expect({ key, contract: mod[key]?.contract }).toEqual({ key, contract: (contracts[fn] as Record<string, unknown>)[key] });
    }
  });
});

describe('each router', () => {
  let t: TestCloud;
  beforeAll(() => {
    t = createTestCloud();
  });
  afterAll(() => t.cleanup());

  // From the console, so no caller has to be registered; no handler runs (the payloads are refused first).
  const call = (fn: string, event: Record<string, unknown>) => t.cloud.invoke(fn, event, { source: 'wx_devtools' }) as Promise<Envelope>;

  it.each(functions.map((fn) => [fn]))('%s refuses an unknown action, naming exactly its contract keys as the ones it supports', async (fn) => {
    const res = await call(fn, { action: 'noSuchAction' });
    expect(res.error?.code).toBe('INVALID_INPUT');
    const issue = res.error?.issues?.find((i) => i.path === 'action');
    const supported = /expected one of (.*)$/.exec(issue?.message ?? '')?.[1]?.split(', ') ?? [];
    expect(supported.sort()).toEqual(keysOf(fn));
  });

  it.each(functions.map((fn) => [fn]))('%s routes every contract key to a handler that validates against its contract', async (fn) => {
    for (const key of keysOf(fn)) {
      // Every contract input is a strict object: an unknown field is refused by the action's own schema, not as an unknown action.
      const res = await call(fn, { action: key, __probe: true });
      expect({ key, code: res.error?.code, unknownAction: res.error?.issues?.some((i) => i.path === 'action') }).toEqual({
        key,
        code: 'INVALID_INPUT',
        unknownAction: false,
      });
    }
  });
});
