/**
 * npm start: build what is missing or stale, seed the demo data once, then serve the H5 app and
 * the local cloud on 127.0.0.1. Options: --port <n> (or PORT), --db <file> (or LOCAL_CLOUD_DB),
 * --no-build (serve whatever dist/h5 holds), --reference-date <ISO> (the first seed's reference
 * date; default the start of today in Asia/Shanghai), --clock <ISO> (or LOCAL_CLOUD_CLOCK: the
 * server's clock starts there and runs on, for tests and demos of another day), --no-timers (do not
 * fire the functions' timer triggers on their cron, mocks/server/timers.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA_DIR, openLocalCloud } from '../cloud/bootstrap';
import { REPO_ROOT } from '../cloud';
import { seed } from '../seed';
import { DAY_MS } from '../../shared/time';
import { SEED_DATA_VERSION, referenceDateOn } from '../seed/data';
import { UsageError, findOption } from '../args';
import { parseClock, shiftClock } from '../clock';
import { createApp, listen } from './app';
import { precompress } from './compress';
import type { PrecompressResult } from './compress';
import { startFakeWecom } from '../wecom/start';
import { startFakeKingdee } from '../kingdee/start';
import { FakeModel } from '../cloud/ai/fake-model';
import { startTimers } from './timers';
import { useDevIntegrationKey } from './integration-key';

const H5_DIR = path.join(process.env['DIST_DIR'] ?? path.join(REPO_ROOT, 'dist'), 'h5');
const H5_SOURCES = ['miniapp', 'shared'].map((d) => path.join(REPO_ROOT, d));

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

function h5IsStale(): boolean {
  const index = path.join(H5_DIR, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return H5_SOURCES.some((d) => newestMtime(d) > built);
}

const arg = (name: string): string | undefined => findOption(process.argv, name);

/** The build on this project's 2-core machine (README, Performance and size): idle 16–22 s, minutes when it is busy. */
const FIRST_BUILD_HINT = '空闲的双核机器上约 20 秒，机器繁忙时会久得多';

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/**
 * Build the H5 app as one phase: webpack's own output (its progress and size hints) is kept and
 * shown only when the build fails; a line every 15 s says it is still going.
 */
function buildH5(): Promise<void> {
  const started = performance.now();
  console.log(`[构建] H5 应用（${FIRST_BUILD_HINT}，之后只在源码变化时重建）…`);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:h5'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const ticker = setInterval(() => console.log(`[构建] 仍在编译…已用 ${seconds(started)} 秒`), 15_000);
    child.once('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) {
        console.log(`[构建] 完成，用时 ${seconds(started)} 秒`);
        resolve();
      } else {
        console.error(output);
        reject(new Error('H5 构建失败，见上方输出'));
      }
    });
  });
}

const compressedLine = (r: PrecompressResult, started: number) =>
  `[压缩] ${r.files} 个 H5 资源 ${kb(r.raw)} → brotli ${kb(r.br)} / gzip ${kb(r.gzip)}（${seconds(started)} 秒）`;

async function main(): Promise<void> {
  const clock = arg('--clock') ?? process.env['LOCAL_CLOUD_CLOCK'];
  if (clock) shiftClock(parseClock(clock));
  const referenceDate = arg('--reference-date');
  const port = Number(arg('--port') ?? process.env['PORT'] ?? 10086);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口不合法：${String(port)}`);

  const built = !process.argv.includes('--no-build') && h5IsStale();
  if (built) {
    await buildH5();
    // Right after a build, compress before serving: the first page load gets the smallest files.
    const started = performance.now();
    console.log(compressedLine(await precompress(H5_DIR), started));
  }

  const seedStarted = performance.now();
  const cloud = openLocalCloud({ dbFile: arg('--db') });
  // Webhook secrets are sealed with the integration function's key: a dev one, made once beside the database.
  useDevIntegrationKey(cloud.store.file === ':memory:' ? DEFAULT_DATA_DIR : path.dirname(path.resolve(cloud.store.file)));
  const seeded = seed(cloud, { referenceDate: referenceDate ?? referenceDateOn(Date.now()) });
  if (seeded.seeded) console.log(`[数据] 演示数据与商品图片已写入（${seconds(seedStarted)} 秒）`);
  console.log(seeded.seeded ? `已写入演示数据：${JSON.stringify(seeded.counts)}` : '演示数据已存在，跳过写入（npm run seed -- --reset 可重置）');
  if (seeded.seeded) {
    // 洞察 reads what the nightly timer stores: fire it once now, as the platform would at 01:30.
    // Its first night also counts the demo's history (insights backfill), so trends start full.
    const started = performance.now();
    const night = (await cloud.trigger('insights', 'nightly')) as { ok: boolean; error?: { message: string } };
    console.log(night.ok ? `[洞察] 已汇总历史销量并运行昨夜的分析（${seconds(started)} 秒）` : `[洞察] 夜间分析失败：${night.error?.message ?? ''}`);
  }
  const marker = cloud.store.get('system', 'seed')?.doc as { version?: number; referenceDate?: number } | undefined;
  const today = referenceDateOn(Date.now());
  if (!seeded.seeded && marker?.referenceDate !== undefined && marker.referenceDate < today) {
    const days = Math.round((today - marker.referenceDate) / DAY_MS);
    console.log(`注意：演示数据以 ${days} 天前为参考日期生成，“最近”的订单、本月返利与待办已过时；运行 npm run seed -- --reset 以今天为准重新生成。`);
  }
  if (marker && (marker.version ?? 0) < SEED_DATA_VERSION) {
    console.log(
      `注意：本地演示数据是旧版本（v${marker.version ?? 0}，当前 v${SEED_DATA_VERSION}），缺少新功能需要的数据；运行 npm run seed -- --reset 重新生成。`,
    );
  }

  const server = createApp({ cloud, h5Dir: H5_DIR });
  const actual = await listen(server, port);
  if (!built) {
    // A build made elsewhere (npm run build:h5, --no-build): compress what is missing while
    // serving; until then files are compressed on request.
    const started = performance.now();
    void precompress(H5_DIR).then(
      (r) => r.skipped < r.files && console.log(compressedLine(r, started)),
      (e: unknown) => console.error(`[压缩] 失败（照常提供未预压缩的文件）：${e instanceof Error ? e.message : String(e)}`),
    );
  }
  cloud.publicUrl = `http://127.0.0.1:${actual}`;
  const wecom = await startFakeWecom(cloud, cloud.publicUrl);
  console.log(`模拟企业微信：${wecom.url}（回调发往 ${cloud.publicUrl}/__http/wecom）`);
  console.log(`WECOM_FAKE ${wecom.url}`);
  // The ERP connector's counterpart: a fake Kingdee 金蝶云星空 on loopback (mocks/kingdee), demo mappings saved once.
  const kingdee = await startFakeKingdee(cloud);
  console.log(`模拟金蝶云星空：${kingdee.url}/k3cloud/（管理钩子 ${kingdee.url}/__fake/…）`);
  console.log(`KINGDEE_FAKE ${kingdee.url}`);
  // cloud.ai() answered by rules on loopback, never a real model (mocks/cloud/ai/fake-model.ts). Port: AI_FAKE_PORT, default any free one.
  const model = new FakeModel();
  cloud.aiUrl = await model.start(Number(process.env['AI_FAKE_PORT'] ?? 0));
  console.log(`模拟大模型（按规则作答的脚本，不是真实模型）：${model.url}`);
  // The functions' timer triggers on their cron (Beijing time, the server's clock), as the platform fires them.
  const timers = process.argv.includes('--no-timers')
    ? null
    : startTimers({ functionsDir: path.join(REPO_ROOT, 'cloudfunctions'), fire: (fn, t) => cloud.trigger(fn, t) });
  console.log(timers ? `定时触发器：${timers.triggers.length} 个按 cron 运行（--no-timers 关闭）` : '定时触发器：已关闭（--no-timers）');
  console.log(`\n本地云已启动：${cloud.publicUrl}/\n  数据库：${cloud.store.file}\n  云函数：${cloud.functionNames().join(', ')}\n按 Ctrl-C 停止。`);
  // Tests read this line to learn the port.
  console.log(`LISTENING ${actual}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止…`);
    timers?.stop();
    void wecom.stop();
    void kingdee.stop();
    void model.stop();
    server.close(() => {
      cloud.close();
      process.exit(0);
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof UsageError ? `参数错误：${e.message}` : e instanceof Error ? e.message : e);
  process.exit(1);
});
