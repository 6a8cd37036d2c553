/**
 * Runs the BUILT weapp output (dist/weapp) inside miniprogram-simulate (jsdom).
 *
 * The mini-program runtime is played by small shims: App() keeps the app object and launches
 * it, getApp()/getCurrentPages() answer from what was launched, and Page() is mapped onto
 * Component() with the page lifecycles called from attached/detached. wx.cloud.callFunction is
 * whatever the test passes in (normally a real LocalCloud), so a page's call goes through the
 * real adapter (services/cloud.ts as built) and the real function.
 *
 * Webpack's module cache lives as long as the test file: each built file runs once, so load
 * each page once per test file and render it as many times as needed.
 */
import fs from 'node:fs';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports -- the simulator and the built code are untyped JavaScript */

/** The build under test: DIST_DIR's when set (parallel builds keep apart, as `npm run build:weapp` does), else dist/. */
export const WEAPP_DIR = path.resolve(process.env['DIST_DIR'] ?? path.resolve(__dirname, '..', '..', '..', 'dist'), 'weapp');

export type CallFunction = (name: string, data: Record<string, unknown>) => Promise<unknown>;

export interface SimNode {
  dom: HTMLElement;
  querySelector(selector: string): SimNode | null;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(name: string, detail?: unknown): void;
}

export interface RenderedPage extends SimNode {
  instance: { data: Record<string, unknown> };
  /**
   * Every setData the page sent since it opened, as JSON: what React rendered. A value typed into
   * an input shows up here once React has taken it (see waitForRendered).
   */
  updates: string[];
  attach(parent: Element): void;
  detach(): void;
}

export interface MiniApp {
  /** Load a page of the build (e.g. 'pages/me/index') and return its component id. Once per page per test file. */
  loadPage(route: string): string;
  /** Render and attach a fresh instance of a loaded page: onLoad, onShow and onReady run. */
  open(pageId: string, query?: Record<string, string>): RenderedPage;
  /** Close a page opened with open(): onHide and onUnload run. */
  close(page: RenderedPage): void;
  /** wx.* calls the pages made, by API name (navigateTo, stopPullDownRefresh, requestSubscribeMessage, ...). */
  wxCalls: Array<{ api: string; args: unknown }>;
  /**
   * The app forgets who the caller is (the profile it keeps in storage, services/session), as on a
   * fresh install: a test that changes the caller's role calls this first.
   */
  forgetCaller(): void;
  simulate: any;
}

/** What the user answers in WeChat's subscription-consent dialog, per template id. */
export type ConsentAnswer = Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;

export interface BootOptions {
  /**
   * The user's answer when a page opens the consent dialog (wx.requestSubscribeMessage); by
   * default they close it ('reject' for each). A test that accepts also gives WeChat's grant to its
   * local cloud here (cloud.acceptSubscription).
   */
  subscribe?: (tmplIds: string[]) => ConsentAnswer;
}

/** Where the app keeps who the caller is (miniapp/src/services/session.ts SESSION_STORAGE_KEY). */
const SESSION_STORAGE_KEY = 'session.me.v1';

export function assertWeappBuilt(): void {
  const missing = ['app.js', 'app.json', 'base.wxml', 'comp.js'].filter((f) => !fs.existsSync(path.join(WEAPP_DIR, f)));
  if (missing.length > 0) {
    throw new Error(
      `The weapp build is missing (${missing.join(', ')} not found in ${WEAPP_DIR}). ` +
        'Run `npm run build:weapp` first: these tests exercise the built mini-program, not its sources.',
    );
  }
}

const RECORDED_APIS = ['navigateTo', 'navigateBack', 'switchTab', 'redirectTo', 'stopPullDownRefresh', 'setClipboardData', 'pageScrollTo'] as const;

/** Install the shims, wire wx.cloud to `callFunction`, and run the built app.js. */
export function bootMiniApp(callFunction: CallFunction, options: BootOptions = {}): MiniApp {
  assertWeappBuilt();
  const g = globalThis as any;
  const simulate = require('miniprogram-simulate');
  const wx = g.wx;
  const wxCalls: MiniApp['wxCalls'] = [];

  // Storage that behaves like storage (the simulator's stubs drop writes).
  const storage = new Map<string, unknown>();
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.removeStorageSync = (key: string) => void storage.delete(key);

  for (const api of RECORDED_APIS) {
    const original = wx[api];
    wx[api] = (args: unknown) => {
      wxCalls.push({ api, args });
      return original(args);
    };
  }

  // The app opens on its first page (what App.onLaunch is told below).
  wx.getLaunchOptionsSync = () => ({ path: 'pages/catalog/index', query: {}, scene: 1001, referrerInfo: {} });

  // WeChat's consent dialog for subscription messages: answered like the real one, a moment later.
  wx.requestSubscribeMessage = (opts: { tmplIds: string[]; success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: () => void }) => {
    const tmplIds = [...(opts.tmplIds ?? [])];
    wxCalls.push({ api: 'requestSubscribeMessage', args: { tmplIds } });
    const answer = options.subscribe ? options.subscribe(tmplIds) : Object.fromEntries(tmplIds.map((id) => [id, 'reject']));
    setTimeout(() => {
      opts.success?.({ errMsg: 'requestSubscribeMessage:ok', ...answer });
      opts.complete?.();
    }, 0);
  };

  // The platform's cloud: data goes to the function exactly as the page sent it.
  wx.cloud = {
    init() {},
    callFunction(opts: { name: string; data?: Record<string, unknown>; success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: () => void }) {
      const run = (async () => {
        const result = await callFunction(opts.name, JSON.parse(JSON.stringify(opts.data ?? {})));
        return { errMsg: 'cloud.callFunction:ok', result, requestID: 'test' };
      })();
      if (opts.success || opts.fail || opts.complete) {
        run
          .then(
            (r) => opts.success?.(r),
            (e) => opts.fail?.({ errMsg: `cloud.callFunction:fail ${String((e as Error)?.message ?? e)}` }),
          )
          .finally(() => opts.complete?.());
        return undefined;
      }
      return run.catch((e) => {
        throw { errMsg: `cloud.callFunction:fail ${String((e as Error)?.message ?? e)}` };
      });
    },
  };

  let app: any = null;
  const pages: any[] = [];
  let loadingRoute = '';
  g.App = (options: any) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pages];
  g.Page = (options: any) => {
    const route = loadingRoute;
    const methods: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(options)) {
      if (key === 'data') continue;
      if (typeof options[key] === 'function') methods[key] = options[key];
      else fields[key] = options[key];
    }
    g.Component({
      data: options.data ?? {},
      methods,
      lifetimes: {
        created(this: any) {
          Object.assign(this, fields, { route, __route__: route });
        },
        attached(this: any) {
          pages.push(this);
          this.onLoad?.(this.__query ?? {});
          this.onShow?.();
          this.onReady?.();
        },
        detached(this: any) {
          this.onHide?.();
          this.onUnload?.();
          const i = pages.indexOf(this);
          if (i >= 0) pages.splice(i, 1);
        },
      },
    });
  };

  // app.js carries the webpack runtime, the Taro runtime and the vendors every page needs.
  require(path.join(WEAPP_DIR, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  app.onLaunch?.call(app, { path: 'pages/catalog/index', query: {}, scene: 1001 });
  app.onShow?.call(app, { path: 'pages/catalog/index', query: {}, scene: 1001 });

  // Taro's one recursive custom component, shared by every page: register it once.
  const compId: string = simulate.load(path.join(WEAPP_DIR, 'comp'), 'comp', { rootPath: WEAPP_DIR });

  const loaded = new Map<string, string>();
  return {
    simulate,
    wxCalls,
    forgetCaller() {
      storage.delete(SESSION_STORAGE_KEY);
    },
    loadPage(route) {
      const hit = loaded.get(route);
      if (hit) return hit;
      loadingRoute = route;
      const id: string = simulate.load(path.join(WEAPP_DIR, route), { rootPath: WEAPP_DIR, usingComponents: { comp: compId } });
      loaded.set(route, id);
      return id;
    },
    open(pageId, query = {}) {
      const page = simulate.render(pageId) as RenderedPage & { instance: any };
      page.instance.__query = query;
      page.updates = [];
      const setData = page.instance.setData.bind(page.instance);
      page.instance.setData = (data: unknown, callback?: () => void) => {
        page.updates.push(JSON.stringify(data));
        return setData(data, callback);
      };
      page.attach(document.createElement('parent-wrapper'));
      return page;
    },
    close(page) {
      page.detach();
    },
  };
}

/** Wait until `check` passes (React renders and cloud calls are asynchronous), or fail with its last error. */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      return check();
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - started > timeoutMs) throw lastError;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Wait until the page has rendered `value` (a setData carrying it, after the first `from`
 * updates): proof that React took what was typed into an input before a tap reads it.
 */
export async function waitForRendered(page: RenderedPage, value: string, from = 0): Promise<void> {
  const needle = JSON.stringify(value);
  await waitFor(() => expect(page.updates.slice(from).some((u) => u.includes(needle))).toBe(true));
}

/**
 * Let the work already queued run: every promise callback (the page's handling of an answer,
 * Taro's setData) and every render React has scheduled. A timer fires only once the microtask
 * queue is empty, and in the simulator React schedules its renders with setTimeout(0) (jsdom has
 * neither MessageChannel nor setImmediate), so they run first, in order. Not a sleep: it waits
 * for no amount of time, only for work already queued. Use it where a test shows that something
 * did NOT happen after a state it has waited for.
 */
export function afterQueuedWork(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Visible text of a rendered node, whitespace collapsed. */
export function textOf(node: SimNode | null | undefined): string {
  return (node?.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first node matching a class selector, or null (the simulator answers undefined). */
export function find(root: SimNode, selector: string): SimNode | null {
  return root.querySelector(selector) ?? null;
}
