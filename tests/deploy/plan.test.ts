import { COLLECTIONS } from '../../shared/collections';
import { INDEXES, QUERIES } from '../../shared/indexes';
import type { PlanInputs } from '../../scripts/deploy/plan';
import { MAIN_BUDGET, PACKAGE_LIMIT, SERVER_ONLY, planDeployment } from '../../scripts/deploy/plan';
import { findSecrets } from '../../scripts/deploy/secrets';

/** A plan's inputs as a fresh clone's build gives them: everything within its limits. */
function inputs(over: Partial<PlanInputs> = {}): PlanInputs {
  return {
    envId: 'demo-env',
    functions: [
      {
        name: 'orders',
        bundleBytes: 700_000,
        bundleHash: 'a'.repeat(64),
        config: { triggers: [{ name: 'autoConfirm', type: 'timer', config: '0 0 * * * * *' }], envVariables: ['TEMPLATE_ORDER_SHIPPED'] },
        dependencies: { 'wx-server-sdk': '4.0.2' },
      },
      { name: 'catalog', bundleBytes: 650_000, bundleHash: 'b'.repeat(64), config: {}, dependencies: { 'wx-server-sdk': '4.0.2' } },
    ],
    collections: COLLECTIONS,
    indexes: INDEXES,
    queries: QUERIES,
    weapp: { mainBytes: 500 * 1024, subpackages: { 'packages/orders': 120 * 1024 }, totalBytes: 900 * 1024 },
    slowestMs: {},
    ...over,
  };
}

describe('the deploy plan', () => {
  test('of the repository as declared goes ahead, with every collection server-only and every function at its defaults', () => {
    const { plan, problems } = planDeployment(inputs());
    expect(problems).toEqual([]);
    expect(plan.collections.every((c) => JSON.stringify(c.rule) === JSON.stringify(SERVER_ONLY))).toBe(true);
    expect(plan.functions.find((f) => f.name === 'orders')).toMatchObject({
      runtime: 'Nodejs18.15',
      memorySize: 256,
      timeout: 5,
      envVariables: ['TEMPLATE_ORDER_SHIPPED'],
    });
    expect(plan.collections.find((c) => c.name === 'orders')!.indexes.length).toBeGreaterThan(3);
  });

  test('refuses a main package over WeChat’s 2 MB, and one over our 600 KB budget', () => {
    expect(planDeployment(inputs({ weapp: { mainBytes: PACKAGE_LIMIT + 1, subpackages: {}, totalBytes: PACKAGE_LIMIT + 1 } })).problems).toEqual([
      expect.stringContaining("main package is 2048.0 KB, over WeChat's 2048.0 KB"),
    ]);
    expect(planDeployment(inputs({ weapp: { mainBytes: MAIN_BUDGET + 1024, subpackages: {}, totalBytes: MAIN_BUDGET + 1024 } })).problems).toEqual([
      expect.stringContaining('over our budget of 600.0 KB'),
    ]);
  });

  test('refuses a subpackage over 2 MB and a total over 20 MB', () => {
    const { problems } = planDeployment(inputs({ weapp: { mainBytes: 1000, subpackages: { 'packages/big': 3 * 1024 * 1024 }, totalBytes: 21 * 1024 * 1024 } }));
    expect(problems).toEqual([expect.stringContaining('subpackage packages/big'), expect.stringContaining("total is 21504.0 KB, over WeChat's 20480.0 KB")]);
  });

  test('refuses a function whose timeout is shorter than its slowest benchmarked action', () => {
    const { problems } = planDeployment(inputs({ slowestMs: { orders: { action: 'submit', ms: 6200 } } }));
    expect(problems).toEqual([expect.stringMatching(/function orders: timeout 5 s is shorter than its slowest benchmarked action \(submit: 6200 ms\)/)]);
  });

  test('refuses a secret that would be committed: a value set for an environment variable in config.json', () => {
    const fns = inputs().functions.map((f) => (f.name === 'catalog' ? { ...f, config: { envVariables: { WECOM_CONTACT_SECRET: 'x'.repeat(43) } } } : f));
    const { problems } = planDeployment(inputs({ functions: fns }));
    expect(problems).toEqual([expect.stringContaining('config.json sets a value for environment variable WECOM_CONTACT_SECRET')]);
    expect(JSON.stringify(problems)).not.toContain('x'.repeat(43));
  });

  test('finds secret-looking values anywhere in the plan without repeating them', () => {
    expect(findSecrets({ a: { note: 'AKIDabcdefghijklmnopqrstu12345' }, b: ['-----BEGIN RSA PRIVATE KEY-----'], token: 'abc' })).toEqual([
      '$.a.note looks like a Tencent Cloud SecretId',
      '$.b[0] looks like a PEM private key',
      "$.token holds a value under a secret's name",
    ]);
    expect(findSecrets({ envVariables: ['WECOM_CONTACT_SECRET'], bundleHash: 'f'.repeat(64) })).toEqual([]);
  });

  test('refuses a collection without a security rule', () => {
    expect(planDeployment(inputs({ rules: { orders: null } })).problems).toEqual(['collection orders has no security rule']);
  });

  test('refuses a query pattern no declared index serves, naming the index to declare', () => {
    // Index names repeat across collections (return_requests has the same one): take away the orders' only.
    const indexes = INDEXES.filter((i) => !(i.collection === 'orders' && i.name === 'dealerId_1_createdAt_-1__id_-1'));
    const { problems } = planDeployment(inputs({ indexes }));
    expect(problems).toEqual([
      expect.stringContaining(
        'query orders where {dealerId=} orderBy createdAt desc, _id desc (orders.list (dealer)) has no index: declare {dealerId: 1, createdAt: -1, _id: -1}',
      ),
    ]);
  });

  test('refuses a timeout CloudBase does not offer and a function that is not built', () => {
    const fns = inputs().functions.map((f) => (f.name === 'catalog' ? { ...f, bundleBytes: null, bundleHash: null, config: { timeout: 120 } } : f));
    expect(planDeployment(inputs({ functions: fns })).problems).toEqual([
      expect.stringContaining("timeout 120 s is outside CloudBase's 1–60 s"),
      expect.stringContaining('cloudfunctions/catalog/index.js is not built'),
    ]);
  });
});
