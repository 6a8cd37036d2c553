/**
 * Reads what the plan is made of from the repository and its build outputs: each function's
 * config.json, package.json and bundle, the weapp build's package sizes, the bench figures.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NOTIFY_TEMPLATE_TITLES } from '../../shared/orders/notify';
import type { FunctionInput, WeappInput } from './plan';

export const ROOT = path.resolve(__dirname, '..', '..');
const FUNCTIONS = path.join(ROOT, 'cloudfunctions');

/**
 * Environment variables each function reads, by name (values are set per environment, never
 * here): the subscription template ids (TEMPLATE_<NAME>, see _capabilities/subscriptions.ts) and
 * WeCom's settings (wecom/src/config.ts). A config.json may list more under "envVariables".
 */
const TEMPLATES = Object.keys(NOTIFY_TEMPLATE_TITLES).map((t) => `TEMPLATE_${t.toUpperCase()}`);
export const ENV_VARIABLES: Record<string, readonly string[]> = {
  users: TEMPLATES,
  orders: TEMPLATES,
  wecom: ['WECOM_CORP_ID', 'WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY', 'WECOM_CONTACT_SECRET', 'WECOM_API_BASE', 'WECOM_CALLBACK_WINDOW_S'],
};

export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(FUNCTIONS, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
}

const readJson = (file: string): Record<string, unknown> => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {});

export function readFunction(name: string): FunctionInput {
  const dir = path.join(FUNCTIONS, name);
  const bundle = path.join(dir, 'index.js');
  const code = fs.existsSync(bundle) ? fs.readFileSync(bundle) : null;
  const config = readJson(path.join(dir, 'config.json'));
  const declared = Array.isArray(config['envVariables']) ? (config['envVariables'] as string[]) : [];
  const names = [...new Set([...(ENV_VARIABLES[name] ?? []), ...declared])];
  return {
    name,
    bundleBytes: code ? code.length : null,
    bundleHash: code ? createHash('sha256').update(code).digest('hex') : null,
    config: names.length > 0 ? { ...config, envVariables: names } : config,
    dependencies: (readJson(path.join(dir, 'package.json'))['dependencies'] as Record<string, string> | undefined) ?? {},
  };
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The weapp build's main package, subpackages and total (as scripts/size.ts measures them), or null. */
export function readWeapp(dir = path.join(ROOT, 'dist', 'weapp')): WeappInput | null {
  const appJson = path.join(dir, 'app.json');
  if (!fs.existsSync(appJson)) return null;
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(dir, s.root));
  // Source maps are not uploaded.
  const all = files(dir).filter((f) => !f.endsWith('.map'));
  const size = (list: string[]) => list.reduce((n, f) => n + fs.statSync(f).size, 0);
  const inRoot = (f: string, r: string) => f.startsWith(r + path.sep);
  return {
    mainBytes: size(all.filter((f) => !roots.some((r) => inRoot(f, r)))),
    subpackages: Object.fromEntries(roots.map((r) => [path.relative(dir, r), size(all.filter((f) => inRoot(f, r)))])),
    totalBytes: size(all),
  };
}

/**
 * The slowest benchmarked action per function, from a bench JSON file: an object whose
 * `actions` maps "<fn>.<action>" to figures with p99_ms, max_ms or p95_ms (the first present is
 * taken). No file: no figures, and the timeout check rests on the defaults (see README).
 */
export function readBench(file: string | null): Record<string, { action: string; ms: number }> {
  if (!file || !fs.existsSync(file)) return {};
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { actions?: Record<string, Record<string, number>> };
  const out: Record<string, { action: string; ms: number }> = {};
  for (const [key, figures] of Object.entries(doc.actions ?? {})) {
    const [fn, action = ''] = key.split('.');
    const ms = figures['max_ms'] ?? figures['p99_ms'] ?? figures['p95_ms'];
    if (!fn || typeof ms !== 'number') continue;
    if (!out[fn] || out[fn].ms < ms) out[fn] = { action, ms };
  }
  return out;
}
