/**
 * Real mode: compare the plan with what the environment reports and change only the
 * differences, so a second run changes nothing and a run after one change changes only that.
 * Each run that changed a function records a manifest (the bundle hash of every function, the
 * bundles archived beside it); `--rollback` re-uploads the functions as the previous manifest has them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { INDEXES } from '../../shared/indexes';
import type { CloudClient, EnvState, FunctionSpec } from './clients';
import type { Plan, Trigger } from './plan';

export type Change =
  | { kind: 'create-collection'; collection: string }
  | { kind: 'set-rule'; collection: string }
  | { kind: 'create-index'; collection: string; index: string }
  | { kind: 'drop-index'; collection: string; index: string }
  | { kind: 'create-function'; fn: string }
  | { kind: 'update-code'; fn: string }
  | { kind: 'update-config'; fn: string }
  | { kind: 'set-triggers'; fn: string };

const sameTriggers = (a: readonly Trigger[], b: readonly Trigger[]) =>
  JSON.stringify([...a].map((t) => [t.name, t.config]).sort()) === JSON.stringify([...b].map((t) => [t.name, t.config]).sort());

/** What must change for the environment to match the plan. Indexes we did not declare are dropped. */
export function diff(plan: Plan, state: EnvState): Change[] {
  const changes: Change[] = [];
  for (const c of plan.collections) {
    const now = state.collections[c.name];
    if (!now) changes.push({ kind: 'create-collection', collection: c.name });
    if (c.rule && JSON.stringify(now?.rule ?? null) !== JSON.stringify(c.rule)) changes.push({ kind: 'set-rule', collection: c.name });
    const have = new Set(now?.indexes ?? []);
    for (const i of c.indexes) if (!have.has(i.name)) changes.push({ kind: 'create-index', collection: c.name, index: i.name });
    for (const name of have) if (!c.indexes.some((i) => i.name === name)) changes.push({ kind: 'drop-index', collection: c.name, index: name });
  }
  for (const f of plan.functions) {
    const now = state.functions[f.name];
    if (!now) {
      changes.push({ kind: 'create-function', fn: f.name });
      continue;
    }
    if (now.bundleHash !== f.bundleHash) changes.push({ kind: 'update-code', fn: f.name });
    if (now.memorySize !== f.memorySize || now.timeout !== f.timeout) changes.push({ kind: 'update-config', fn: f.name });
    if (!sameTriggers(now.triggers, f.triggers)) changes.push({ kind: 'set-triggers', fn: f.name });
  }
  return changes;
}

export interface Manifest {
  envId: string;
  at: string;
  functions: Record<string, { bundleHash: string; archived: string }>;
  changes: Change[];
}

export interface ApplyOptions {
  functionsDir: string;
  /** Where manifests and archived bundles are kept (.deploy/<envId>/). */
  stateDir: string;
  /** Values of the functions' environment variables, from the deploying shell; names not set are left as they are. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

function specOf(plan: Plan, name: string, opts: ApplyOptions, dir = path.join(opts.functionsDir, name)): FunctionSpec {
  const f = plan.functions.find((x) => x.name === name)!;
  const env = opts.env ?? process.env;
  const envVariables = Object.fromEntries(f.envVariables.filter((n) => env[n] !== undefined).map((n) => [n, env[n]!]));
  return { name, runtime: f.runtime, memorySize: f.memorySize, timeout: f.timeout, triggers: f.triggers, bundleHash: f.bundleHash!, envVariables, dir };
}

/** Apply the plan's differences; returns what changed (empty: the environment already matched). */
export async function apply(plan: Plan, client: CloudClient, opts: ApplyOptions): Promise<Change[]> {
  const state = await client.describe(
    plan.functions.map((f) => f.name),
    plan.collections.map((c) => c.name),
  );
  const changes = diff(plan, state);
  for (const ch of changes) {
    switch (ch.kind) {
      case 'create-collection':
        await client.createCollection(ch.collection);
        break;
      case 'set-rule':
        await client.setRule(ch.collection, plan.collections.find((c) => c.name === ch.collection)!.rule!);
        break;
      case 'create-index':
        await client.createIndex(
          INDEXES.find((i) => i.collection === ch.collection && i.name === ch.index) ?? {
            collection: ch.collection as never,
            ...plan.collections.find((c) => c.name === ch.collection)!.indexes.find((i) => i.name === ch.index)!,
          },
        );
        break;
      case 'drop-index':
        await client.dropIndex(ch.collection, ch.index);
        break;
      case 'create-function':
        await client.createFunction(specOf(plan, ch.fn, opts));
        break;
      case 'update-code':
        await client.updateFunctionCode(specOf(plan, ch.fn, opts));
        break;
      case 'update-config':
        await client.updateFunctionConfig(specOf(plan, ch.fn, opts));
        break;
      case 'set-triggers':
        await client.setTriggers(ch.fn, plan.functions.find((f) => f.name === ch.fn)!.triggers);
        break;
    }
  }
  if (changes.some((c) => c.kind === 'create-function' || c.kind === 'update-code')) recordManifest(plan, changes, opts);
  return changes;
}

function manifestsDir(opts: ApplyOptions): string {
  return path.join(opts.stateDir, 'manifests');
}

/** Archive each bundle by its hash and write the manifest of this deploy. */
function recordManifest(plan: Plan, changes: Change[], opts: ApplyOptions): void {
  const bundles = path.join(opts.stateDir, 'bundles');
  fs.mkdirSync(bundles, { recursive: true });
  fs.mkdirSync(manifestsDir(opts), { recursive: true });
  const functions: Manifest['functions'] = {};
  for (const f of plan.functions) {
    const archived = path.join(bundles, `${f.name}-${f.bundleHash}`);
    if (!fs.existsSync(archived)) {
      fs.mkdirSync(archived, { recursive: true });
      for (const file of ['index.js', 'package.json']) fs.copyFileSync(path.join(opts.functionsDir, f.name, file), path.join(archived, file));
    }
    functions[f.name] = { bundleHash: f.bundleHash!, archived: path.relative(opts.stateDir, archived) };
  }
  const at = (opts.now ?? (() => new Date()))().toISOString();
  const manifest: Manifest = { envId: plan.envId, at, functions, changes };
  const seq = readManifests(opts).length + 1;
  fs.writeFileSync(path.join(manifestsDir(opts), `${String(seq).padStart(4, '0')}.json`), JSON.stringify(manifest, null, 2));
}

export function readManifests(opts: Pick<ApplyOptions, 'stateDir'>): Manifest[] {
  const dir = path.join(opts.stateDir, 'manifests');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Manifest);
}

/**
 * Re-upload every function whose code differs from the previous manifest's, from the archived
 * bundle; the rollback is recorded as a manifest too (so a second rollback undoes the first).
 */
export async function rollback(plan: Plan, client: CloudClient, opts: ApplyOptions): Promise<Change[]> {
  const manifests = readManifests(opts);
  if (manifests.length < 2) throw new Error(`nothing to roll back to: ${manifests.length} deploy recorded in ${opts.stateDir}`);
  const previous = manifests[manifests.length - 2]!;
  const state = await client.describe(Object.keys(previous.functions), []);
  const changes: Change[] = [];
  const back: Plan = { ...plan, functions: plan.functions.map((f) => ({ ...f, bundleHash: previous.functions[f.name]?.bundleHash ?? f.bundleHash })) };
  for (const [name, was] of Object.entries(previous.functions)) {
    if (state.functions[name]?.bundleHash === was.bundleHash) continue;
    await client.updateFunctionCode(specOf(back, name, opts, path.join(opts.stateDir, was.archived)));
    changes.push({ kind: 'update-code', fn: name });
  }
  if (changes.length > 0) {
    fs.writeFileSync(
      path.join(manifestsDir(opts), `${String(manifests.length + 1).padStart(4, '0')}.json`),
      JSON.stringify({ ...previous, at: (opts.now ?? (() => new Date()))().toISOString(), changes }, null, 2),
    );
  }
  return changes;
}
