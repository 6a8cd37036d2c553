/**
 * The seam between the deploy and the platform: what apply.ts asks of an environment and of the
 * mini-program upload, as two small interfaces. The real ones wrap @cloudbase/manager-node
 * (https://docs.cloudbase.net/api-reference/manager/node/introduction) and miniprogram-ci
 * (https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html), loaded only in real mode,
 * so the dry run and the tests never construct a network client.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SecurityRule, Trigger } from './plan';
import type { IndexSpec } from '../../shared/indexes';

/** A function as the environment reports it. */
export interface DeployedFunction {
  runtime: string;
  memorySize: number;
  timeout: number;
  triggers: Trigger[];
  /** SHA-256 of the bundle last uploaded by this deploy (kept in the function's description). */
  bundleHash: string | null;
}

export interface EnvState {
  functions: Record<string, DeployedFunction>;
  collections: Record<string, { rule: SecurityRule | null; indexes: string[] }>;
}

export interface FunctionSpec {
  name: string;
  runtime: string;
  memorySize: number;
  timeout: number;
  triggers: Trigger[];
  bundleHash: string;
  /** Values for the environment variables, only those the deploying shell sets. */
  envVariables: Record<string, string>;
  /** Folder holding index.js and package.json (the cloud installs wx-server-sdk from it). */
  dir: string;
}

export interface CloudClient {
  describe(functionNames: readonly string[], collectionNames: readonly string[]): Promise<EnvState>;
  createCollection(name: string): Promise<void>;
  setRule(collection: string, rule: SecurityRule): Promise<void>;
  createIndex(index: IndexSpec): Promise<void>;
  dropIndex(collection: string, name: string): Promise<void>;
  createFunction(fn: FunctionSpec): Promise<void>;
  updateFunctionCode(fn: FunctionSpec): Promise<void>;
  updateFunctionConfig(fn: FunctionSpec): Promise<void>;
  setTriggers(fn: string, triggers: Trigger[]): Promise<void>;
  importDocuments(collection: string, docs: ReadonlyArray<Record<string, unknown>>): Promise<void>;
}

export interface UploadClient {
  upload(opts: { projectPath: string; version: string; desc: string }): Promise<void>;
}

/** The API key of the CloudBase account, from the deploying shell (never from a file in the repo). */
export function credentialsFromEnv(env = process.env): { secretId: string; secretKey: string } {
  const secretId = env['TENCENTCLOUD_SECRETID'];
  const secretKey = env['TENCENTCLOUD_SECRETKEY'];
  if (!secretId || !secretKey)
    throw new Error(
      'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (an API key of the Tencent Cloud account that owns the environment: 访问管理 → API 密钥)',
    );
  return { secretId, secretKey };
}

const DESCRIPTION = (hash: string) => `deployed by npm run deploy; bundle sha256:${hash}`;
const hashOf = (description: unknown) => /sha256:([0-9a-f]{64})/.exec(String(description ?? ''))?.[1] ?? null;

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports --
   @cloudbase/manager-node is required only here and only in real mode; its calls follow the documented shapes. */

/**
 * The CloudBase client over @cloudbase/manager-node (checked against the type declarations of
 * 5.6.5: functions/index.d.ts, database/index.d.ts; not yet run against a live environment). Calls as documented: functions
 * (getFunctionDetail, createFunction, updateFunctionCode, updateFunctionConfig,
 * createFunctionTriggers / deleteFunctionTrigger), database (createCollectionIfNotExists,
 * describeCollection, updateCollection with CreateIndexes / DropIndexes, import), and the
 * collection security rule through commonService's DescribeSafeRule / ModifySafeRule.
 */
export function cloudbaseClient(envId: string): CloudClient {
  let mod: any;
  try {
    mod = require('@cloudbase/manager-node');
  } catch {
    throw new Error(
      '@cloudbase/manager-node is not installed (it is 290 MB with miniprogram-ci, so only deploying machines install it): npm install --no-save @cloudbase/manager-node@5.6.5',
    );
  }
  const CloudBase = mod.default ?? mod;
  const app = new CloudBase({ ...credentialsFromEnv(), envId });
  const { functions, database } = app;
  const tcb = app.commonService('tcb');
  return {
    async describe(fnNames, collNames) {
      const state: EnvState = { functions: {}, collections: {} };
      for (const name of fnNames) {
        try {
          const d = await functions.getFunctionDetail(name);
          state.functions[name] = {
            runtime: d.Runtime,
            memorySize: d.MemorySize,
            timeout: d.Timeout,
            triggers: (d.Triggers ?? []).map((t: any) => ({ name: t.TriggerName, type: 'timer', config: t.TriggerDesc ?? t.CustomArgument })),
            bundleHash: hashOf(d.Description),
          };
        } catch {
          // Not there yet.
        }
      }
      for (const name of collNames) {
        if (!(await database.checkCollectionExists(name)).Exists) continue;
        const info = await database.describeCollection(name);
        const rule = await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: name } });
        state.collections[name] = {
          rule: rule?.Rule ? (JSON.parse(rule.Rule) as SecurityRule) : null,
          indexes: (info.Indexes ?? []).map((i: any) => i.Name).filter((n: string) => n !== '_id_'),
        };
      }
      return state;
    },
    async createCollection(name) {
      await database.createCollectionIfNotExists(name);
    },
    async setRule(collection, rule) {
      await tcb.call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: collection, AclTag: 'CUSTOM', Rule: JSON.stringify(rule) } });
    },
    async createIndex(index) {
      await database.updateCollection(index.collection, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: {
              MgoIsUnique: !!index.unique,
              MgoIndexKeys: index.fields.map((f) => ({ Name: f.field, Direction: f.order === 'asc' ? '1' : '-1' })),
            },
          },
        ],
      });
    },
    async dropIndex(collection, name) {
      await database.updateCollection(collection, { DropIndexes: [{ IndexName: name }] });
    },
    async createFunction(fn) {
      await functions.createFunction({ func: funcOf(fn), functionRootPath: fn.dir.replace(/[\\/][^\\/]+$/, ''), force: false });
    },
    async updateFunctionCode(fn) {
      await functions.updateFunctionCode({ func: funcOf(fn), functionRootPath: fn.dir.replace(/[\\/][^\\/]+$/, '') });
    },
    async updateFunctionConfig(fn) {
      await functions.updateFunctionConfig({
        name: fn.name,
        timeout: fn.timeout,
        memorySize: fn.memorySize,
        envVariables: fn.envVariables,
        description: DESCRIPTION(fn.bundleHash),
      });
    },
    async setTriggers(fn, triggers) {
      const current = await functions.getFunctionDetail(fn);
      for (const t of current.Triggers ?? []) await functions.deleteFunctionTrigger(fn, t.TriggerName);
      if (triggers.length > 0) await functions.createFunctionTriggers(fn, triggers);
    },
    async importDocuments(collection, docs) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-')), `${collection}.json`);
      fs.writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n'));
      await database.import(collection, { filePath: file }, { fileType: 'json', stopOnError: true, conflictMode: 'upsert' });
    },
  };
}

function funcOf(fn: FunctionSpec): Record<string, unknown> {
  return {
    name: fn.name,
    runtime: fn.runtime,
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    envVariables: fn.envVariables,
    installDependency: true,
    handler: 'index.main',
    triggers: fn.triggers,
    description: DESCRIPTION(fn.bundleHash),
    // Only the bundle and its manifest are uploaded, not src/.
    ignore: ['src/**', 'config.json'],
  };
}

/** The upload client over miniprogram-ci: the upload key's path comes from WEAPP_UPLOAD_KEY_PATH. */
export function miniprogramCiClient(appid: string, keyPath = process.env['WEAPP_UPLOAD_KEY_PATH']): UploadClient {
  if (!keyPath)
    throw new Error(
      'set WEAPP_UPLOAD_KEY_PATH to the code-upload key downloaded from 微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传 (keep it outside the repository)',
    );
  let ci: any;
  try {
    ci = require('miniprogram-ci');
  } catch {
    throw new Error('miniprogram-ci is not installed (only deploying machines install it): npm install --no-save miniprogram-ci@2.1.42');
  }
  return {
    async upload({ projectPath, version, desc }) {
      const project = new ci.Project({ appid, type: 'miniProgram', projectPath, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] });
      await ci.upload({ project, version, desc, setting: { es6: false, minify: true } });
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
