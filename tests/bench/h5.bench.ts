/**
 * npm run bench -- h5 [--runs <n>]: the catalog's cold load as a dealer on a phone. The server is
 * the real `npm start` (mocks/server/start.ts) on the built H5 (DIST_DIR/h5, default dist/h5; run
 * `npm run build:h5` first), its assets precompressed as npm start leaves them. Each run opens
 * the catalog in a new chromium context at 390 × 844 (an empty HTTP cache) and records:
 * - first_card_ms: from navigation start to the first product card laid out on screen;
 * - js_transferred_kb: JavaScript bytes on the wire before that (compressed, as sent);
 * - images_kb: product pictures fetched by then (lazy loading keeps this to the first screen);
 * - users_me_ms, catalog_list_ms, last_script_end_ms: the waterfall (when each call was asked and
 *   answered, when the last script arrived), so a figure says what the first card waited for.
 * The server answers one catalog call before the runs, so its one-off start-up (loading the
 * function's modules) is not counted: that is the server's cold start, not the page's.
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
}

interface Run {
  firstCardMs: number;
  chain: Chain;
  jsKb: number;
  jsFiles: number;
  cssKb: number;
  imagesKb: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function run(args: string[]): Promise<void> {
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs 须为正整数');
  const h5Dir = path.join(process.env['DIST_DIR'] ?? path.join(REPO, 'dist'), 'h5');
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error(`${h5Dir} 里没有 H5 构建：先运行 npm run build:h5`);
  const pre = await precompress(h5Dir);
  console.log(`H5 资源：${pre.files} 个，${kb(pre.raw)} KB → br ${kb(pre.br)} KB / gzip ${kb(pre.gzip)} KB`);

  const server = await startServer();
  const browser = await launchChromium();
  const results: Run[] = [];
  try {
    await callFunction(server.url, 'catalog', { action: 'list' }, 'demo-dealer-a');
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const finished: Request[] = [];
      page.on('requestfinished', (r) => finished.push(r));
      await page.goto(`${server.url}/`);
      // Navigation start is the page's time origin; poll every frame for a laid-out card.
      const firstCardMs = await (
        await page.waitForFunction(
          () => {
            const card = document.querySelector('.catalog-item');
            const box = card?.getBoundingClientRect();
            return box && box.height > 0 && box.top < window.innerHeight ? performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        )
      ).jsonValue();
      // The waterfall: the two calls and the JavaScript, from the page's own resource timings (-1: not asked).
      // (No inner functions: tsx would wrap them in a helper the page does not have.)
      const timings = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name, r.initiatorType, r.startTime, r.responseEnd] as const),
      );
      const callOf = (fn: string) => timings.find(([name]) => name.includes(`/__cloud/call/${fn}`));
      const chain: Chain = {
        usersMeStart: Math.round(callOf('users')?.[2] ?? -1),
        usersMeEnd: Math.round(callOf('users')?.[3] ?? -1),
        catalogStart: Math.round(callOf('catalog')?.[2] ?? -1),
        catalogEnd: Math.round(callOf('catalog')?.[3] ?? -1),
        lastScriptEnd: Math.round(Math.max(-1, ...timings.filter(([, type]) => type === 'script').map(([, , , end]) => end))),
      };
      const sizes = await Promise.all(finished.map(async (r) => ({ type: r.resourceType(), url: r.url(), bytes: (await r.sizes()).responseBodySize })));
      const sum = (pred: (s: { type: string; url: string }) => boolean) => sizes.filter(pred).reduce((n, s) => n + s.bytes, 0);
      results.push({
        firstCardMs: Math.round(firstCardMs as number),
        chain,
        jsKb: kb(sum((s) => s.type === 'script')),
        jsFiles: sizes.filter((s) => s.type === 'script').length,
        cssKb: kb(sum((s) => s.type === 'stylesheet')),
        imagesKb: kb(sum((s) => s.type === 'image' && s.url.includes('/__storage/'))),
      });
      console.log(`第 ${i + 1} 次：首个商品卡片 ${results[i]!.firstCardMs} ms，JS ${results[i]!.jsKb} KB（${results[i]!.jsFiles} 个文件）`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const load = os.loadavg().map((l) => +l.toFixed(2));
  const out = {
    bench: 'h5',
    runs,
    first_card_ms: median(results.map((r) => r.firstCardMs)),
    first_card_ms_runs: results.map((r) => r.firstCardMs),
    js_transferred_kb: median(results.map((r) => r.jsKb)),
    js_files: median(results.map((r) => r.jsFiles)),
    css_transferred_kb: median(results.map((r) => r.cssKb)),
    images_kb: median(results.map((r) => r.imagesKb)),
    // Medians, ms from navigation start: users.me and catalog.list (asked, answered) and the last script's arrival.
    users_me_ms: [median(results.map((r) => r.chain.usersMeStart)), median(results.map((r) => r.chain.usersMeEnd))],
    catalog_list_ms: [median(results.map((r) => r.chain.catalogStart)), median(results.map((r) => r.chain.catalogEnd))],
    last_script_end_ms: median(results.map((r) => r.chain.lastScriptEnd)),
    assets_built_kb: kb(pre.raw),
    load_average: load,
    cpus: os.cpus().length,
  };
  console.log(`首个商品卡片（中位数）${out.first_card_ms} ms，目标 ≤ 1000 ms（空闲机器）；当前负载 ${load.join(' ')}（${out.cpus} 核）`);
  console.log(JSON.stringify(out));
}
