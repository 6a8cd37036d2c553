/**
 * npm run bench -- h5 [--runs <n>]: the catalog's cold load as a dealer on a phone. The server is
 * the real `npm start` (mocks/server/start.ts) on the built H5 (DIST_DIR/h5, default dist/h5; run
 * `npm run build:h5` first), its assets precompressed as npm start leaves them. Each run opens
 * the catalog in a new chromium context at 390 × 844 (an empty HTTP cache) and records:
 * - first_card_ms: from navigation start to the frame that first lays out a product card on screen
 *   (looked for in every frame by a script that runs before the page's own);
 * - js_transferred_kb: JavaScript bytes on the wire before that (compressed, as sent);
 * - images_kb: product pictures fetched by then (lazy loading keeps this to the first screen);
 * - users_me_ms, catalog_list_ms, last_script_end_ms: the waterfall (when each call was asked and
 *   answered, when the last script arrived), so a figure says what the first card waited for;
 * - main_thread_cpu_ms: the page's main-thread CPU time from navigation to the first card: the
 *   thread time (`tdur`) of the renderer main thread's tasks in a Chrome trace, up to a mark the
 *   page sets when it sees the card (https://chromedevtools.github.io/devtools-protocol/tot/Tracing/).
 *   That is the work the first card costs, which other processes on the machine barely move,
 *   unlike the wall-clock first_card_ms;
 * - js_decoded_kb: that JavaScript as parsed (uncompressed), the part of that work the bundle decides.
 * The server answers one users.me and one catalog call before the runs, so its one-off start-up
 * (loading the functions' modules) is not counted: that is the server's cold start, not the page's.
 * Target: first_card_ms ≤ 1000 on an idle machine; the load average is printed with the figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { precompress } from '../../mocks/server/compress';
import { launchChromium } from '../helpers/browser';
import { REPO, callFunction, startServer } from '../helpers/server';

/** When the critical path's parts ended (ms from navigation start): what waits on what. */
interface Chain {
  usersMeStart: number;
  usersMeEnd: number;
  catalogStart: number;
  catalogEnd: number;
  lastScriptEnd: number;
  /** The server's own ms for each call (its Server-Timing `fn`: the invocation, mocks/server/app.ts), and its process CPU meanwhile. */
  usersMeServer: number;
  catalogServer: number;
  catalogServerCpu: number;
}

interface Run {
  firstCardMs: number;
  chain: Chain;
  jsKb: number;
  jsFiles: number;
  cssKb: number;
  imagesKb: number;
  jsDecodedKb: number;
  cpuMs: number;
  /** That CPU before catalog.list was asked, while it was out, and after its answer. */
  cpuSplit: number[];
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
/** A Chrome trace event (the fields read here). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { navigationId?: string } };
}

/** Top-level task events (the name differs between Chrome versions). */
const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * CPU ms of the main thread that set the `first-card` mark: its tasks from that navigation's start
 * to the mark, in thread time (wall time only where the trace has none), in total and split at
 * `cuts` (ms from navigation start, by each task's start). -1: no mark in the trace.
 */
function cpuToMark(events: TraceEvent[], cuts: number[] = []): { total: number; split: number[] } {
  const mark = events.find((e) => e.name === 'first-card');
  if (!mark) return { total: -1, split: [] };
  const navigation = mark.args?.data?.navigationId;
  const start = events.find((e) => e.name === 'navigationStart' && e.pid === mark.pid && e.args?.data?.navigationId === navigation)?.ts ?? 0;
  const tasks = events.filter((e) => e.ph === 'X' && TASKS.has(e.name) && e.pid === mark.pid && e.tid === mark.tid && e.ts >= start && e.ts <= mark.ts);
  const split = [...cuts, Infinity].map(() => 0);
  for (const e of tasks) {
    const at = (e.ts - start) / 1000;
    const k = cuts.filter((c) => c >= 0 && at >= c).length;
    split[k] = (split[k] ?? 0) + (e.tdur ?? e.dur ?? 0);
  }
  const ms = (us: number) => Math.round(us / 1000);
  return { total: ms(split.reduce((a, b) => a + b, 0)), split: split.map(ms) };
}

/** Run in the page before its own scripts: sets `window.firstCardMs` and the `first-card` mark in the frame that first lays out a card on screen. */
const LOOK_FOR_FIRST_CARD = `(() => {
  const look = () => {
    const card = document.querySelector('.catalog-item');
    const box = card && card.getBoundingClientRect();
    if (!(box && box.height > 0 && box.top < window.innerHeight)) return void requestAnimationFrame(look);
    performance.mark('first-card');
    window.firstCardMs = performance.now();
  };
  requestAnimationFrame(look);
})();`;

const loadAverage = () => os.loadavg().map((l) => +l.toFixed(2));

export async function run(args: string[]): Promise<void> {
  const runsArg = args.indexOf('--runs');
  // Nine runs: the median of nine moves less than that of five when other work shares the cores.
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 9;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs 须为正整数');
  const h5Dir = path.join(process.env['DIST_DIR'] ?? path.join(REPO, 'dist'), 'h5');
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error(`${h5Dir} 里没有 H5 构建：先运行 npm run build:h5`);
  const pre = await precompress(h5Dir);
  console.log(`H5 资源：${pre.files} 个，${kb(pre.raw)} KB → br ${kb(pre.br)} KB / gzip ${kb(pre.gzip)} KB`);

  const server = await startServer();
  const browser = await launchChromium();
  const results: Run[] = [];
  const loadBefore = loadAverage();
  try {
    // Both launch calls' functions loaded once (a warm instance each), as the comment at the top says.
    await callFunction(server.url, 'users', { action: 'me' }, 'demo-dealer-a');
    await callFunction(server.url, 'catalog', { action: 'list' }, 'demo-dealer-a');
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const finished: Request[] = [];
      page.on('requestfinished', (r) => finished.push(r));
      // Thread time: the trace's task durations count the renderer's main thread on a core, not time waiting for one.
      await browser.startTracing(undefined, { categories: ['toplevel', 'blink.user_timing'] });
      // Navigation start is the page's time origin. The page itself looks for a laid-out card in
      // every frame from its first (a script run before the page's own): the frame whose paint
      // shows it is the figure, not the next time the bench's own polling happens to look, which
      // can come after the page's next long task (the rest of the list, drawn once the card is up).
      // (A string: tsx would wrap an inner function in a helper the page does not have.)
      await page.addInitScript(LOOK_FOR_FIRST_CARD);
      await page.goto(`${server.url}/`);
      const firstCardMs = (await (
        await page.waitForFunction(() => (window as { firstCardMs?: number }).firstCardMs ?? false, undefined, { polling: 100, timeout: 30_000 })
      ).jsonValue()) as number;
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
      // The waterfall: the two calls and the JavaScript, from the page's own resource timings (-1: not asked).
      // (No inner functions: tsx would wrap them in a helper the page does not have.)
      const timings = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
          (r) =>
            [
              r.name,
              r.initiatorType,
              r.startTime,
              r.responseEnd,
              r.decodedBodySize,
              Object.fromEntries(r.serverTiming.map((t) => [t.name, t.duration])),
            ] as const,
        ),
      );
      const callOf = (fn: string) => timings.find(([name]) => name.includes(`/__cloud/call/${fn}`));
      const chain: Chain = {
        usersMeStart: Math.round(callOf('users')?.[2] ?? -1),
        usersMeEnd: Math.round(callOf('users')?.[3] ?? -1),
        catalogStart: Math.round(callOf('catalog')?.[2] ?? -1),
        catalogEnd: Math.round(callOf('catalog')?.[3] ?? -1),
        lastScriptEnd: Math.round(Math.max(-1, ...timings.filter(([, type]) => type === 'script').map(([, , , end]) => end))),
        usersMeServer: Math.round(callOf('users')?.[5]['fn'] ?? -1),
        catalogServer: Math.round(callOf('catalog')?.[5]['fn'] ?? -1),
        catalogServerCpu: Math.round(callOf('catalog')?.[5]['cpu'] ?? -1),
      };
      const sizes = await Promise.all(finished.map(async (r) => ({ type: r.resourceType(), url: r.url(), bytes: (await r.sizes()).responseBodySize })));
      const sum = (pred: (s: { type: string; url: string }) => boolean) => sizes.filter(pred).reduce((n, s) => n + s.bytes, 0);
      results.push({
        firstCardMs: Math.round(firstCardMs),
        chain,
        jsKb: kb(sum((s) => s.type === 'script')),
        jsFiles: sizes.filter((s) => s.type === 'script').length,
        cssKb: kb(sum((s) => s.type === 'stylesheet')),
        imagesKb: kb(sum((s) => s.type === 'image' && s.url.includes('/__storage/'))),
        jsDecodedKb: kb(timings.filter(([, type, , end]) => type === 'script' && end <= firstCardMs).reduce((n, t) => n + t[4], 0)),
        ...(({ total, split }) => ({ cpuMs: total, cpuSplit: split }))(cpuToMark(trace.traceEvents, [chain.catalogStart, chain.catalogEnd])),
      });
      const r = results[i]!;
      const c = r.chain;
      console.log(
        `第 ${i + 1} 次：首个商品卡片 ${r.firstCardMs} ms（主线程 CPU ${r.cpuMs} ms = ${r.cpuSplit.join(' + ')}），JS ${r.jsKb} KB（${r.jsFiles} 个文件）；` +
          `users.me ${c.usersMeStart}→${c.usersMeEnd}（服务端 ${c.usersMeServer}），catalog.list ${c.catalogStart}→${c.catalogEnd}（服务端 ${c.catalogServer}，CPU ${c.catalogServerCpu}），末个脚本 ${c.lastScriptEnd}`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const load = loadAverage();
  const out = {
    bench: 'h5',
    runs,
    first_card_ms: median(results.map((r) => r.firstCardMs)),
    first_card_ms_runs: results.map((r) => r.firstCardMs),
    main_thread_cpu_ms: median(results.map((r) => r.cpuMs)),
    main_thread_cpu_ms_runs: results.map((r) => r.cpuMs),
    // Medians of that CPU before catalog.list was asked, while it was out, and after it answered.
    main_thread_cpu_split_ms: [0, 1, 2].map((k) => median(results.map((r) => r.cpuSplit[k] ?? -1))),
    js_transferred_kb: median(results.map((r) => r.jsKb)),
    js_decoded_kb: median(results.map((r) => r.jsDecodedKb)),
    js_files: median(results.map((r) => r.jsFiles)),
    css_transferred_kb: median(results.map((r) => r.cssKb)),
    images_kb: median(results.map((r) => r.imagesKb)),
    // Medians, ms from navigation start: users.me and catalog.list (asked, answered) and the last script's arrival.
    users_me_ms: [median(results.map((r) => r.chain.usersMeStart)), median(results.map((r) => r.chain.usersMeEnd))],
    catalog_list_ms: [median(results.map((r) => r.chain.catalogStart)), median(results.map((r) => r.chain.catalogEnd))],
    last_script_end_ms: median(results.map((r) => r.chain.lastScriptEnd)),
    // Medians, ms inside the server (Server-Timing): each call's invocation, and the server process's CPU during catalog.list.
    users_me_server_ms: median(results.map((r) => r.chain.usersMeServer)),
    catalog_list_server_ms: median(results.map((r) => r.chain.catalogServer)),
    catalog_list_server_cpu_ms: median(results.map((r) => r.chain.catalogServerCpu)),
    assets_built_kb: kb(pre.raw),
    // The 1, 5 and 15 minute load averages as the runs began and as they ended.
    load_average_before: loadBefore,
    load_average: load,
    cpus: os.cpus().length,
  };
  console.log(
    `首个商品卡片（中位数）${out.first_card_ms} ms，目标 ≤ 1000 ms（空闲机器）；主线程 CPU ${out.main_thread_cpu_ms} ms；负载 ${loadBefore.join(' ')} → ${load.join(' ')}（${out.cpus} 核）`,
  );
  console.log(JSON.stringify(out));
}
