/**
 * The local cloud hooks into wx-server-sdk's internals (mocks/cloud/index.ts, context.ts,
 * openapi/wire.ts). These tests fail loudly, naming what changed and where the local cloud
 * hooks in, when an SDK upgrade moves one of those seams.
 *
 * Never call the SDK here without a LocalCloud installed: the real network call leaves an
 * unhandled rejection that ends Node 20.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalCloud as LocalCloudClass } from '../../../mocks/cloud';
import { REPO_ROOT, SDK_GATEWAY_REQUESTER, SDK_REQUEST_CORE, SDK_REQUESTER, SDK_UTILS } from '../../../mocks/cloud';
import { invocationEnv, runAs } from '../../../mocks/cloud/context';
import { WIRE_SCHEMA } from '../../../mocks/cloud/openapi/wire';

/* eslint-disable @typescript-eslint/no-require-imports -- the seams are CommonJS modules looked up by path */

const PINNED = '4.0.2';
const sdkDir = path.dirname(require.resolve('wx-server-sdk/package.json'));
const sdkSource = fs.readFileSync(path.join(sdkDir, 'index.js'), 'utf8');

/** Fail with a message that says what changed and which local-cloud file depends on it. */
function seam(ok: boolean, what: string, where: string): void {
  if (!ok) throw new Error(`SDK seam changed: ${what}. The local cloud hooks in at ${where}; adapt it before upgrading.`);
}

describe('versions', () => {
  test(`the installed wx-server-sdk is exactly ${PINNED}`, () => {
    const version = (require('wx-server-sdk/package.json') as { version: string }).version;
    seam(version === PINNED, `wx-server-sdk ${version} is installed, the local cloud was built against ${PINNED}`, 'mocks/cloud/index.ts (install())');
  });

  test(`every cloud function pins wx-server-sdk ${PINNED} exactly`, () => {
    const dir = path.join(REPO_ROOT, 'cloudfunctions');
    const fns = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'package.json')));
    expect(fns.length).toBeGreaterThan(0);
    const wrong = fns
      .map(
        (n) =>
          [
            n,
            (JSON.parse(fs.readFileSync(path.join(dir, n, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies?.[
              'wx-server-sdk'
            ],
          ] as const,
      )
      .filter(([, v]) => v !== PINNED);
    seam(
      wrong.length === 0,
      `cloud functions declare other wx-server-sdk versions: ${JSON.stringify(Object.fromEntries(wrong))}`,
      'cloudfunctions/*/package.json (the deployed SDK must match the local one)',
    );
  });

  test('a cloud function resolves the same wx-server-sdk copy that the local cloud patches', () => {
    const dir = path.join(REPO_ROOT, 'cloudfunctions');
    for (const n of fs.readdirSync(dir).filter((f) => fs.existsSync(path.join(dir, f, 'src')))) {
      const resolved = require.resolve('wx-server-sdk', { paths: [path.join(dir, n, 'src')] });
      seam(
        resolved === require.resolve('wx-server-sdk'),
        `cloudfunctions/${n} resolves its own wx-server-sdk (${resolved})`,
        'mocks/cloud/index.ts (install() patches the root node_modules copy only)',
      );
    }
  });
});

describe('network layer', () => {
  test(`${SDK_REQUESTER} exports a request function that every service calls through the module object`, () => {
    const requester = require(SDK_REQUESTER) as { request?: unknown };
    seam(typeof requester.request === 'function', `${SDK_REQUESTER} no longer exports request()`, 'mocks/cloud/index.ts SDK_REQUESTER');
    const desc = Object.getOwnPropertyDescriptor(requester, 'request');
    seam(
      !!desc && (desc.writable === true || typeof desc.set === 'function'),
      `${SDK_REQUESTER}.request is no longer assignable`,
      'mocks/cloud/index.ts install()',
    );
    // Callers must look request up at call time (tcbapicaller.request(...)), or replacing it has no effect.
    const dist = path.dirname(path.dirname(require.resolve(SDK_REQUESTER)));
    for (const file of ['utils/tcbdbapirequester.js', 'functions/index.js', 'storage/index.js', 'wx/index.js']) {
      const text = fs.readFileSync(path.join(dist, file), 'utf8');
      seam(/tcbapicaller\.request\(/.test(text), `@cloudbase/node-sdk/dist/${file} no longer calls tcbapicaller.request()`, 'mocks/cloud/index.ts install()');
    }
  });

  test('the helpers install() patches exist: request-core request() and utils processReturn()', () => {
    seam(
      typeof (require(SDK_REQUEST_CORE) as { request?: unknown }).request === 'function',
      `${SDK_REQUEST_CORE} no longer exports request()`,
      'mocks/cloud/index.ts (loopback guard)',
    );
    seam(
      typeof (require(SDK_UTILS) as { processReturn?: unknown }).processReturn === 'function',
      `${SDK_UTILS} no longer exports processReturn()`,
      'mocks/cloud/index.ts request() (error answers)',
    );
  });

  test("@cloudbase/database's Db has a static reqClass, set to the database requester once a database is opened", () => {
    const { Db } = require('@cloudbase/database') as { Db?: { reqClass?: unknown } };
    seam(!!Db, '@cloudbase/database no longer exports Db', 'mocks/cloud/db/engine.ts (the actions Db.reqClass sends)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-seams-'));
    const { LocalCloud } = require('../../../mocks/cloud') as { LocalCloud: typeof LocalCloudClass };
    const cloud = new LocalCloud({ dbFile: ':memory:', storageDir: dir }).install();
    try {
      const sdk = require('wx-server-sdk') as { init: (o: unknown) => void; database: () => unknown; DYNAMIC_CURRENT_ENV: unknown };
      sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
      sdk.database();
      seam(typeof Db!.reqClass === 'function', 'Db.reqClass is not set after sdk.database()', 'mocks/cloud/db/engine.ts (the actions Db.reqClass sends)');
      const { TcbDBApiHttpRequester } = require('@cloudbase/node-sdk/dist/utils/tcbdbapirequester') as { TcbDBApiHttpRequester: unknown };
      seam(
        Db!.reqClass === TcbDBApiHttpRequester,
        'Db.reqClass is no longer TcbDBApiHttpRequester (which calls tcbapirequester.request)',
        'mocks/cloud/index.ts install()',
      );
    } finally {
      cloud.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without install() requests go to the network; install() replaces the request function', () => {
    jest.isolateModules(() => {
      const requester = require(SDK_REQUESTER) as { request: unknown };
      const original = requester.request;
      // The original is the SDK's own network function (never called here).
      expect((original as { name: string }).name).toBe('request');
      expect(String(original)).toMatch(/requestWithRetry|TcbApiHttpRequester|tcbapirequester/i);
      const { LocalCloud } = require('../../../mocks/cloud') as { LocalCloud: typeof LocalCloudClass };
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-seams-'));
      const cloud = new LocalCloud({ dbFile: ':memory:', storageDir: dir });
      try {
        expect(requester.request).toBe(original);
        cloud.install();
        seam(requester.request !== original, 'install() did not replace tcbapirequester.request', 'mocks/cloud/index.ts install()');
      } finally {
        cloud.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('cloud.ai()', () => {
  test('its token and model calls go through the HTTP-gateway requester the local cloud replaces', () => {
    const gateway = require(SDK_GATEWAY_REQUESTER) as { request?: unknown };
    seam(typeof gateway.request === 'function', `${SDK_GATEWAY_REQUESTER} no longer exports request()`, 'mocks/cloud/index.ts (install(): the gateway)');
    const source = (file: string) => fs.readFileSync(require.resolve(`@cloudbase/node-sdk/dist/${file}`), 'utf8');
    seam(
      source('ai/request-adapter.js').includes('openapicommonrequester.request('),
      'the AI request adapter calls another requester',
      'mocks/cloud/ai/gateway.ts',
    );
    seam(source('auth/index.js').includes('/auth/v1/token/clientCredential'), 'the AI token comes from another gateway path', 'mocks/cloud/ai/gateway.ts');
    seam(/tcbInstance\.ai\(\)/.test(sdkSource), 'wx-server-sdk no longer takes cloud.ai() from @cloudbase/node-sdk', 'mocks/cloud/ai/gateway.ts');
  });
});

describe('getWXContext', () => {
  test('getWXContext() still reads the keys listed in process.env.WX_CONTEXT_KEYS', () => {
    seam(
      /function getWXContext\(\)[\s\S]{0,400}process\.env\.WX_CONTEXT_KEYS\.split\(','\)/.test(sdkSource),
      'getWXContext() no longer reads process.env.WX_CONTEXT_KEYS',
      'mocks/cloud/context.ts invocationEnv()',
    );
  });

  test('an invocation overlay of process.env is what getWXContext() returns', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-seams-'));
    const { LocalCloud } = require('../../../mocks/cloud') as { LocalCloud: typeof LocalCloudClass };
    const cloud = new LocalCloud({ dbFile: ':memory:', storageDir: dir }).install();
    try {
      const sdk = require('wx-server-sdk') as { getWXContext: () => Record<string, unknown> };
      const ctx = runAs(invocationEnv('seam-env', { openid: 'o-seam', unionid: 'u-seam', source: 'wx_client' }), () => sdk.getWXContext());
      seam(
        ctx['OPENID'] === 'o-seam' && ctx['UNIONID'] === 'u-seam' && ctx['ENV'] === 'seam-env',
        `getWXContext() returned ${JSON.stringify(ctx)}`,
        'mocks/cloud/context.ts',
      );
      expect(sdk.getWXContext()['OPENID']).toBeUndefined();
    } finally {
      cloud.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('open-API protobuf envelope', () => {
  const WIRE_TYPE: Record<string, number> = { string: 2, bytes: 2, int32: 0, uint32: 0 };

  /** Field name -> [id, wire type] as the SDK's generated encode() writes them. */
  function sdkFields(message: string): Map<string, [number, number]> {
    const start = sdkSource.indexOf(`${message}.encode = function encode(message, writer) {`);
    seam(start >= 0, `the SDK's bundled protobuf code has no ${message}.encode`, 'mocks/cloud/openapi/wire.ts');
    const body = sdkSource.slice(start, sdkSource.indexOf('return writer;', start));
    const fields = new Map<string, [number, number]>();
    for (const chunk of body.split('if (message.').slice(1)) {
      const name = /^(\w+)/.exec(chunk)![1]!;
      const id = /\/\* id (\d+), wireType (\d+) =\*\//.exec(chunk);
      if (id) fields.set(name, [Number(id[1]), Number(id[2])]);
    }
    return fields;
  }

  test.each(Object.keys(WIRE_SCHEMA.nested))('%s uses the field numbers of mocks/cloud/openapi/wire.ts', (message) => {
    const ours = (WIRE_SCHEMA.nested as Record<string, { fields: Record<string, { type: string; id: number; rule?: string }> }>)[message]!.fields;
    const theirs = sdkFields(message);
    for (const [name, f] of Object.entries(ours)) {
      const got = theirs.get(name);
      seam(!!got, `${message}.${name} is no longer encoded by the SDK`, `mocks/cloud/openapi/wire.ts (${message})`);
      seam(got![0] === f.id, `${message}.${name} is field ${got![0]} in the SDK, ${f.id} in the local cloud`, `mocks/cloud/openapi/wire.ts (${message})`);
      const wire = f.rule === 'repeated' ? 2 : (WIRE_TYPE[f.type] ?? 2);
      seam(got![1] === wire, `${message}.${name} has wire type ${got![1]} in the SDK, ${wire} in the local cloud`, `mocks/cloud/openapi/wire.ts (${message})`);
    }
  });

  test('the SDK still sends open APIs as CommApiData of type OPEN_API and decodes CommOpenApiResp', () => {
    seam(
      /CommApiData\.encode\(\{\s*apiType: openapi_1\.CommApiData\.ApiType\.OPEN_API,\s*openapiData: \{\s*pairs,?\s*\},\s*appid/.test(sdkSource),
      'callWXOpenAPI no longer encodes { apiType: OPEN_API, openapiData: { pairs }, appid }',
      'mocks/cloud/openapi/wire.ts decodeOpenApiRequest()',
    );
    seam(
      /CommOpenApiResp\.decode\(res\)/.test(sdkSource),
      'the SDK no longer decodes answers as CommOpenApiResp',
      'mocks/cloud/openapi/wire.ts encodeOpenApiResponse()',
    );
    const wxDir = path.dirname(require.resolve('@cloudbase/node-sdk/dist/wx/index.js'));
    seam(
      /action: 'wx\.openApi'/.test(fs.readFileSync(path.join(wxDir, 'index.js'), 'utf8')),
      "@cloudbase/node-sdk no longer sends action 'wx.openApi'",
      "mocks/cloud/index.ts answer() ('wx.openApi')",
    );
  });
});
