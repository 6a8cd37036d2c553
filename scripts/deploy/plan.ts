/**
 * The deployment plan: what `npm run deploy` would create or change in a CloudBase environment,
 * computed offline from the build outputs and the declarations in code, and the reasons it must
 * not go ahead. Pure: the inputs are read by inputs.ts, so the tests drive it with fixtures.
 */
import type { IndexField, IndexSpec, QueryShape } from '../../shared/indexes';
import { describeIndex, describeShape, indexNeeded, servingIndex } from '../../shared/indexes';
import { findSecrets } from './secrets';

/**
 * CloudBase's function settings and their defaults (CloudBase CLI, "Configuration File - Cloud
 * Functions": https://docs.cloudbase.net/en/cli-v1/functions/configs — runtime default
 * Nodejs18.15; timeout 5 s by default, 1–60 s; memorySize 256 MB, one of 128/256/512/1024/2048).
 * The bundles target ES2020 (scripts/build-functions.ts), which Node 16 and later run; 18.15 is
 * the runtime the README asks for.
 */
export const RUNTIME = 'Nodejs18.15';
export const DEFAULT_TIMEOUT_S = 5;
export const MAX_TIMEOUT_S = 60;
export const DEFAULT_MEMORY_MB = 256;
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;

/**
 * WeChat's package limits: 2 MB per package (main or sub), 20 MB for all of them
 * (developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html); our own budget for the
 * main package is 600 KB (tests/miniapp: the first screen downloads it whole).
 */
export const PACKAGE_LIMIT = 2 * 1024 * 1024;
export const TOTAL_LIMIT = 20 * 1024 * 1024;
export const MAIN_BUDGET = 600 * 1024;

/** The server-only rule: clients read and write nothing; every access goes through a function. */
export const SERVER_ONLY = { read: false, write: false } as const;
export type SecurityRule = Record<string, unknown>;

export interface Trigger {
  name: string;
  type: 'timer';
  /** Seven-field cron (second minute hour day month weekday year), as config.json writes it. */
  config: string;
}

/** One function as read from cloudfunctions/<fn>/ (config.json, package.json) and its bundle. */
export interface FunctionInput {
  name: string;
  /** Bytes of the built index.js (null: not built). */
  bundleBytes: number | null;
  /** SHA-256 of the bundle: what changed means what is uploaded. */
  bundleHash: string | null;
  /** config.json as written. */
  config: Record<string, unknown>;
  /** wx-server-sdk version pinned in the function's package.json. */
  dependencies: Record<string, string>;
}

export interface WeappInput {
  /** Bytes of the main package and of each subpackage root; null when dist/weapp is not built. */
  mainBytes: number;
  subpackages: Record<string, number>;
  totalBytes: number;
}

export interface PlanInputs {
  envId: string;
  functions: FunctionInput[];
  collections: readonly string[];
  /** A collection's rule when it is not server-only (none today); a collection mapped to null has no rule. */
  rules?: Record<string, SecurityRule | null>;
  indexes: readonly IndexSpec[];
  queries: ReadonlyArray<QueryShape & { by: string }>;
  weapp: WeappInput | null;
  /** Slowest benchmarked action per function, ms (from the bench JSON), when measured. */
  slowestMs: Record<string, { action: string; ms: number }>;
}

export interface FunctionPlan {
  name: string;
  bundleBytes: number | null;
  bundleHash: string | null;
  runtime: string;
  memorySize: number;
  timeout: number;
  triggers: Trigger[];
  /** Names only: the values are set in the console or from the deploying shell, never in the plan. */
  envVariables: string[];
  openapi: string[];
  dependencies: Record<string, string>;
}

export interface CollectionPlan {
  name: string;
  rule: SecurityRule | null;
  indexes: Array<{ name: string; fields: readonly IndexField[]; unique: boolean }>;
}

export interface Plan {
  envId: string;
  functions: FunctionPlan[];
  collections: CollectionPlan[];
  miniprogram: (WeappInput & { limits: { package: number; total: number; mainBudget: number } }) | null;
}

export interface PlanResult {
  plan: Plan;
  /** Reasons the deployment must not go ahead: empty means go. */
  problems: string[];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function functionPlan(f: FunctionInput, problems: string[]): FunctionPlan {
  const c = f.config;
  const timeout = c['timeout'] === undefined ? DEFAULT_TIMEOUT_S : Number(c['timeout']);
  const memorySize = c['memorySize'] === undefined ? DEFAULT_MEMORY_MB : Number(c['memorySize']);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_S)
    problems.push(`function ${f.name}: timeout ${String(c['timeout'])} s is outside CloudBase's 1–${MAX_TIMEOUT_S} s`);
  if (!(MEMORY_SIZES as readonly number[]).includes(memorySize))
    problems.push(`function ${f.name}: memorySize ${String(c['memorySize'])} MB is not one of ${MEMORY_SIZES.join('/')}`);
  if (f.bundleBytes === null) problems.push(`function ${f.name}: cloudfunctions/${f.name}/index.js is not built (npm run build:functions)`);
  const triggers = ((c['triggers'] as Trigger[] | undefined) ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config }));
  const env = c['envVariables'];
  let envVariables: string[] = [];
  if (Array.isArray(env)) envVariables = env.map(String);
  else if (env && typeof env === 'object') {
    // A map with values would put them in the repository: only names belong in config.json.
    envVariables = Object.keys(env);
    for (const [k, v] of Object.entries(env))
      if (v !== '' && v !== null)
        problems.push(`function ${f.name}: config.json sets a value for environment variable ${k}; list names only and set values in the environment`);
  }
  const perms = (c['permissions'] as { openapi?: string[] } | undefined)?.openapi ?? [];
  return {
    name: f.name,
    bundleBytes: f.bundleBytes,
    bundleHash: f.bundleHash,
    runtime: RUNTIME,
    memorySize,
    timeout,
    triggers,
    envVariables: envVariables.sort(),
    openapi: perms,
    dependencies: f.dependencies,
  };
}

export function planDeployment(inputs: PlanInputs): PlanResult {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{2,39}$/.test(inputs.envId))
    problems.push(`env id ${JSON.stringify(inputs.envId)} is not a CloudBase environment id (lowercase letters, digits, -)`);

  const functions = inputs.functions.map((f) => functionPlan(f, problems));
  for (const f of functions) {
    const slow = inputs.slowestMs[f.name];
    if (slow && slow.ms > f.timeout * 1000)
      problems.push(
        `function ${f.name}: timeout ${f.timeout} s is shorter than its slowest benchmarked action (${slow.action}: ${slow.ms} ms); raise "timeout" in cloudfunctions/${f.name}/config.json`,
      );
  }

  const collections = inputs.collections.map((name): CollectionPlan => {
    const rule = inputs.rules && name in inputs.rules ? inputs.rules[name]! : SERVER_ONLY;
    if (rule === null) problems.push(`collection ${name} has no security rule`);
    const indexes = inputs.indexes.filter((i) => i.collection === name).map((i) => ({ name: i.name, fields: i.fields, unique: i.unique ?? false }));
    return { name, rule, indexes };
  });
  for (const i of inputs.indexes)
    if (!inputs.collections.includes(i.collection)) problems.push(`index ${i.name} is declared on ${i.collection}, which is not a collection`);
  for (const query of inputs.queries) {
    if (servingIndex(query, inputs.indexes) === null) {
      problems.push(
        `query ${describeShape(query)} (${query.by}) has no index: declare ${describeIndex(indexNeeded(query))} on ${query.collection} in shared/indexes.ts`,
      );
    }
  }

  let miniprogram: Plan['miniprogram'] = null;
  if (!inputs.weapp) problems.push('dist/weapp is not built (npm run build:weapp)');
  else {
    const w = inputs.weapp;
    miniprogram = { ...w, limits: { package: PACKAGE_LIMIT, total: TOTAL_LIMIT, mainBudget: MAIN_BUDGET } };
    if (w.mainBytes > PACKAGE_LIMIT) problems.push(`mini-program main package is ${kb(w.mainBytes)}, over WeChat's ${kb(PACKAGE_LIMIT)} per package`);
    else if (w.mainBytes > MAIN_BUDGET) problems.push(`mini-program main package is ${kb(w.mainBytes)}, over our budget of ${kb(MAIN_BUDGET)}`);
    for (const [root, n] of Object.entries(w.subpackages))
      if (n > PACKAGE_LIMIT) problems.push(`mini-program subpackage ${root} is ${kb(n)}, over WeChat's ${kb(PACKAGE_LIMIT)} per package`);
    if (w.totalBytes > TOTAL_LIMIT) problems.push(`mini-program total is ${kb(w.totalBytes)}, over WeChat's ${kb(TOTAL_LIMIT)}`);
  }

  const plan: Plan = { envId: inputs.envId, functions, collections, miniprogram };
  for (const s of findSecrets(plan)) problems.push(`a secret would be committed or uploaded: ${s}`);
  return { plan, problems };
}

/** The plan as a few lines for the terminal. */
export function summarise(result: PlanResult): string[] {
  const { plan } = result;
  const lines = [`deploy plan for ${plan.envId}`];
  for (const f of plan.functions) {
    const timers = f.triggers.map((t) => `${t.name} ${t.config}`).join('; ') || 'no timers';
    lines.push(
      `  function ${f.name.padEnd(10)} ${f.bundleBytes === null ? 'not built' : kb(f.bundleBytes).padStart(9)}  ${f.runtime} ${f.memorySize} MB ${f.timeout} s  ${timers}${f.envVariables.length ? `  env: ${f.envVariables.join(', ')}` : ''}`,
    );
  }
  const ruled = plan.collections.filter((c) => c.rule && c.rule['read'] === false && c.rule['write'] === false).length;
  const indexes = plan.collections.reduce((n, c) => n + c.indexes.length, 0);
  lines.push(`  collections ${plan.collections.length} (${ruled} server-only {"read": false, "write": false}), indexes ${indexes}`);
  if (plan.miniprogram) {
    const m = plan.miniprogram;
    lines.push(
      `  mini-program main ${kb(m.mainBytes)} (budget ${kb(m.limits.mainBudget)}, limit ${kb(m.limits.package)}), total ${kb(m.totalBytes)} (limit ${kb(m.limits.total)})`,
    );
  }
  lines.push(result.problems.length === 0 ? 'plan OK' : `plan REFUSED (${result.problems.length}):`);
  for (const p of result.problems) lines.push(`  - ${p}`);
  return lines;
}
