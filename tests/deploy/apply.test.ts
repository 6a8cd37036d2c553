import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '../../shared/collections';
import { INDEXES, QUERIES } from '../../shared/indexes';
import type { IndexSpec } from '../../shared/indexes';
import { apply, readManifests, rollback } from '../../scripts/deploy/apply';
import type { CloudClient, EnvState, FunctionSpec } from '../../scripts/deploy/clients';
import { planDeployment } from '../../scripts/deploy/plan';
import type { Plan } from '../../scripts/deploy/plan';
import { trialEnvironment } from '../../scripts/deploy/seed-demo';

/** An environment in memory that answers as CloudBase reports, and counts every change made to it. */
class FakeCloud implements CloudClient {
  state: EnvState = { functions: {}, collections: {} };
  calls: string[] = [];
  uploaded: Record<string, string> = {};
  async describe(): Promise<EnvState> {
    return JSON.parse(JSON.stringify(this.state)) as EnvState;
  }
  async createCollection(name: string) {
    this.calls.push(`createCollection ${name}`);
    this.state.collections[name] = { rule: null, indexes: [] };
  }
  async setRule(collection: string, rule: Record<string, unknown>) {
    this.calls.push(`setRule ${collection}`);
    this.state.collections[collection]!.rule = rule;
  }
  async createIndex(index: IndexSpec) {
    this.calls.push(`createIndex ${index.collection}.${index.name}`);
    this.state.collections[index.collection]!.indexes.push(index.name);
  }
  async dropIndex(collection: string, name: string) {
    this.calls.push(`dropIndex ${collection}.${name}`);
    const c = this.state.collections[collection]!;
    c.indexes = c.indexes.filter((i) => i !== name);
  }
  private put(fn: FunctionSpec) {
    this.state.functions[fn.name] = { runtime: fn.runtime, memorySize: fn.memorySize, timeout: fn.timeout, triggers: fn.triggers, bundleHash: fn.bundleHash };
    this.uploaded[fn.name] = fs.readFileSync(path.join(fn.dir, 'index.js'), 'utf8');
  }
  async createFunction(fn: FunctionSpec) {
    this.calls.push(`createFunction ${fn.name}`);
    this.put(fn);
  }
  async updateFunctionCode(fn: FunctionSpec) {
    this.calls.push(`updateFunctionCode ${fn.name}`);
    this.put(fn);
  }
  async updateFunctionConfig(fn: FunctionSpec) {
    this.calls.push(`updateFunctionConfig ${fn.name}`);
    Object.assign(this.state.functions[fn.name]!, { memorySize: fn.memorySize, timeout: fn.timeout });
  }
  async setTriggers(fn: string, triggers: FunctionSpec['triggers']) {
    this.calls.push(`setTriggers ${fn}`);
    this.state.functions[fn]!.triggers = triggers;
  }
  async importDocuments(collection: string) {
    this.calls.push(`import ${collection}`);
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Two built functions in a temp cloudfunctions/ folder, and the plan of them. */
function repo(
  code: Record<string, string>,
  config: Record<string, Record<string, unknown>> = {},
): { plan: Plan; opts: { functionsDir: string; stateDir: string; env: NodeJS.ProcessEnv } } {
  const functionsDir = path.join(dir, 'cloudfunctions');
  for (const [name, js] of Object.entries(code)) {
    fs.mkdirSync(path.join(functionsDir, name), { recursive: true });
    fs.writeFileSync(path.join(functionsDir, name, 'index.js'), js);
    fs.writeFileSync(path.join(functionsDir, name, 'package.json'), '{"dependencies":{"wx-server-sdk":"4.0.2"}}');
  }
  const hash = (s: string) => require('node:crypto').createHash('sha256').update(s).digest('hex') as string; // eslint-disable-line @typescript-eslint/no-require-imports
  const result = planDeployment({
    envId: 'demo-env',
    functions: Object.entries(code).map(([name, js]) => ({ name, bundleBytes: js.length, bundleHash: hash(js), config: config[name] ?? {}, dependencies: {} })),
    collections: COLLECTIONS,
    indexes: INDEXES,
    queries: QUERIES,
    weapp: { mainBytes: 1000, subpackages: {}, totalBytes: 1000 },
    slowestMs: {},
  });
  expect(result.problems).toEqual([]);
  return { plan: result.plan, opts: { functionsDir, stateDir: path.join(dir, '.deploy'), env: {} } };
}

describe('deploying to an environment', () => {
  test('creates every collection with its rule and indexes and every function on the first run; the second run changes nothing', async () => {
    const cloud = new FakeCloud();
    const { plan, opts } = repo(
      { orders: 'v1 orders', catalog: 'v1 catalog' },
      { orders: { triggers: [{ name: 'autoConfirm', type: 'timer', config: '0 0 * * * * *' }] } },
    );
    const first = await apply(plan, cloud, opts);
    expect(cloud.calls.filter((c) => c.startsWith('createCollection'))).toHaveLength(COLLECTIONS.length);
    expect(cloud.calls.filter((c) => c.startsWith('setRule'))).toHaveLength(COLLECTIONS.length);
    expect(cloud.calls.filter((c) => c.startsWith('createIndex'))).toHaveLength(INDEXES.length);
    expect(cloud.calls.filter((c) => c.startsWith('createFunction'))).toEqual(['createFunction orders', 'createFunction catalog']);
    expect(cloud.state.collections['orders']!.rule).toEqual({ read: false, write: false });
    expect(first.length).toBe(cloud.calls.length);

    cloud.calls = [];
    expect(await apply(plan, cloud, opts)).toEqual([]);
    expect(cloud.calls).toEqual([]);
  });

  test('after one function changed, uploads only that one', async () => {
    const cloud = new FakeCloud();
    await apply(repo({ orders: 'v1 orders', catalog: 'v1 catalog' }).plan, cloud, repo({ orders: 'v1 orders', catalog: 'v1 catalog' }).opts);
    cloud.calls = [];
    const { plan, opts } = repo({ orders: 'v2 orders', catalog: 'v1 catalog' });
    expect(await apply(plan, cloud, opts)).toEqual([{ kind: 'update-code', fn: 'orders' }]);
    expect(cloud.calls).toEqual(['updateFunctionCode orders']);
  });

  test('puts back a rule changed by hand and drops an index nobody declared, touching nothing else', async () => {
    const cloud = new FakeCloud();
    const { plan, opts } = repo({ catalog: 'v1' });
    await apply(plan, cloud, opts);
    cloud.state.collections['orders']!.rule = { read: true, write: false };
    cloud.state.collections['users']!.indexes.push('by_hand');
    cloud.calls = [];
    await apply(plan, cloud, opts);
    expect(cloud.calls.sort()).toEqual(['dropIndex users.by_hand', 'setRule orders']);
  });

  test('rolls back to the previous manifest’s bundles, re-uploading only what differs', async () => {
    const cloud = new FakeCloud();
    const v1 = repo({ orders: 'v1 orders', catalog: 'v1 catalog' });
    await apply(v1.plan, cloud, v1.opts);
    const v2 = repo({ orders: 'v2 orders', catalog: 'v1 catalog' });
    await apply(v2.plan, cloud, v2.opts);
    expect(readManifests(v2.opts)).toHaveLength(2);
    expect(cloud.uploaded['orders']).toBe('v2 orders');
    cloud.calls = [];
    expect(await rollback(v2.plan, cloud, v2.opts)).toEqual([{ kind: 'update-code', fn: 'orders' }]);
    expect(cloud.calls).toEqual(['updateFunctionCode orders']);
    expect(cloud.uploaded['orders']).toBe('v1 orders');
  });

  test('refuses to roll back with fewer than two deploys recorded', async () => {
    const { plan, opts } = repo({ catalog: 'v1' });
    await expect(rollback(plan, new FakeCloud(), opts)).rejects.toThrow(/nothing to roll back to/);
  });

  test('sets only the environment variables the deploying shell has values for', async () => {
    const cloud = new FakeCloud();
    const spy = jest.spyOn(cloud, 'createFunction');
    const { plan, opts } = repo({ orders: 'v1' }, { orders: { envVariables: ['TEMPLATE_ORDER_SHIPPED', 'TEMPLATE_ORDER_APPROVED'] } });
    await apply(plan, cloud, { ...opts, env: { TEMPLATE_ORDER_SHIPPED: 'tmpl-1' } });
    expect(spy.mock.calls[0]![0].envVariables).toEqual({ TEMPLATE_ORDER_SHIPPED: 'tmpl-1' });
  });
});

describe('--seed-demo', () => {
  test('is allowed on environments named as trials and refused on production ones', () => {
    expect(trialEnvironment('demo-env', {})).toBeNull();
    expect(trialEnvironment('test-1a2b', {})).toBeNull();
    expect(trialEnvironment('shop-9f8e', { DEPLOY_TRIAL_ENVS: 'shop-9f8e' })).toBeNull();
    expect(trialEnvironment('prod-7c6d', {})).toMatch(/not a trial environment/);
    expect(trialEnvironment('demo-env', { DEPLOY_PRODUCTION_ENVS: 'demo-env' })).toMatch(/listed in DEPLOY_PRODUCTION_ENVS/);
  });
});
