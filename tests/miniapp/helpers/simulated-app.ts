/**
 * The setup the mini-program tests share: a local cloud seeded with the demo data set, the built
 * app booted in miniprogram-simulate with every cloud call recorded and answered by the real
 * functions as the current caller, its pages loaded once, and after each test the opened pages
 * closed and the records cleared. Call it inside a describe: it registers its own
 * beforeAll/afterAll/beforeEach/afterEach, before the file's own, so a file's hooks see a booted
 * app with fresh records.
 *
 *   const sim = simulatedApp({ caller: 'demo-dealer-a', pages: { cart: 'pages/cart/index' } });
 *   const { app, calls, t } = sim;
 *   const page = sim.open('cart');
 *   sim.caller = 'demo-manager'; // for this test only
 */
import type { Envelope } from '../../helpers/seeded';
import { seededCloud } from '../../helpers/seeded';
import { provideStructuredClone } from '../support/orders';
import type { BootOptions, MiniApp, RenderedPage } from '../support/weapp';
import { bootMiniApp } from '../support/weapp';

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */

export type RecordedCall = { name: string; data: Record<string, unknown> };

export interface SimulatedAppOptions<P extends string> {
  /** Who the app's calls come from (an openid of the demo data); reset before each test. */
  caller: string;
  /** The pages the file opens, by a short name: each built page is loaded once, in this order. */
  pages: Record<P, string>;
  /**
   * Between recording a call and answering it: where a file holds, fails, loses or rewrites
   * answers. `answer()` asks the local cloud as the current caller, at the moment it is called.
   */
  intercept?: (call: RecordedCall, answer: () => Promise<unknown>) => Promise<unknown>;
  /** Passed to bootMiniApp (the answer to the subscription-consent dialog). */
  boot?: BootOptions;
  /** Answer wx.showModal with `modalAnswer` (确定 unless a test says otherwise) and record it in `modals`. */
  modals?: boolean;
  /** Record wx.showToast in `toasts` (the simulator's toast still runs). */
  toasts?: boolean;
}

export interface SimulatedApp<P extends string> {
  t: ReturnType<typeof seededCloud>;
  /** The booted app; usable from the first beforeAll on (it forwards to the app booted there). */
  app: MiniApp;
  /** Every call the app made in this test, in order. */
  calls: RecordedCall[];
  /** How many of those have been answered or failed. */
  readonly answered: number;
  modals: Array<Record<string, unknown>>;
  toasts: Array<Record<string, unknown>>;
  /** Who the app's calls come from; reset to the option's caller before each test. */
  caller: string;
  /** What the next showModal answers (true: 确定); reset before each test. */
  modalAnswer: boolean;
  /** Open a fresh instance of one of the loaded pages; it is closed after the test. */
  open(page: P, query?: Record<string, string>): RenderedPage;
  /** The simulator's wx. */
  wx(): any;
}

export function simulatedApp<P extends string>(options: SimulatedAppOptions<P>): SimulatedApp<P> {
  provideStructuredClone();
  const t = seededCloud();
  const ids = {} as Record<P, string>;
  const opened: RenderedPage[] = [];
  let booted: MiniApp | null = null;
  const live = (): MiniApp => {
    if (!booted) throw new Error('the mini-program is booted in beforeAll: use the app inside a hook or a test');
    return booted;
  };
  // Stable from the start, so a file can destructure it at describe time.
  const app: MiniApp = {
    loadPage: (route) => live().loadPage(route),
    open: (pageId, query) => live().open(pageId, query),
    close: (page) => {
      // A page the test closed itself is not closed again after it.
      const i = opened.indexOf(page);
      if (i >= 0) opened.splice(i, 1);
      live().close(page);
    },
    forgetCaller: () => live().forgetCaller(),
    get wxCalls() {
      return live().wxCalls;
    },
    get simulate() {
      return live().simulate;
    },
  };
  let answered = 0;
  const sim: SimulatedApp<P> = {
    t,
    app,
    calls: [],
    get answered() {
      return answered;
    },
    modals: [],
    toasts: [],
    caller: options.caller,
    modalAnswer: true,
    open(page, query) {
      const p = live().open(ids[page], query);
      opened.push(p);
      return p;
    },
    wx: () => (globalThis as any).wx,
  };

  beforeAll(() => {
    booted = bootMiniApp(async (name, data) => {
      const call = { name, data };
      sim.calls.push(call);
      try {
        const answer = () => t.cloud.invoke(name, data, { openid: sim.caller }) as Promise<Envelope<unknown>>;
        return await (options.intercept ? options.intercept(call, answer) : answer());
      } finally {
        answered++;
      }
    }, options.boot);
    if (options.modals) {
      sim.wx().showModal = (opts: Record<string, unknown> & { success?: (r: unknown) => void }) => {
        sim.modals.push(opts);
        const r = { confirm: sim.modalAnswer, cancel: !sim.modalAnswer, errMsg: 'showModal:ok' };
        opts.success?.(r);
        return Promise.resolve(r);
      };
    }
    if (options.toasts) {
      const showToast = sim.wx().showToast;
      sim.wx().showToast = (opts: Record<string, unknown>) => {
        sim.toasts.push(opts);
        return showToast(opts);
      };
    }
    for (const [page, route] of Object.entries(options.pages) as Array<[P, string]>) ids[page] = booted.loadPage(route);
  });
  afterAll(() => t.cleanup());
  beforeEach(() => {
    sim.calls.length = 0;
    sim.modals.length = 0;
    sim.toasts.length = 0;
    answered = 0;
    sim.caller = options.caller;
    sim.modalAnswer = true;
    live().wxCalls.length = 0;
  });
  afterEach(() => {
    while (opened.length > 0) live().close(opened.pop()!);
  });
  return sim;
}
