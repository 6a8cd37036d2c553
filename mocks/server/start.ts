/**
 * npm start: build what is missing or stale, seed the demo data once, then serve the H5 app and
 * the local cloud on 127.0.0.1. Options: --port <n> (or PORT), --db <file> (or LOCAL_CLOUD_DB),
 * --no-build (serve whatever dist/h5 holds), --reference-date <ISO> (the first seed's reference
 * date; default the start of today in Asia/Shanghai), --clock <ISO> (or LOCAL_CLOUD_CLOCK: the
 * server's clock starts there and runs on, for tests and demos of another day).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openLocalCloud } from '../cloud/bootstrap';
import { REPO_ROOT } from '../cloud';
import { seed } from '../seed';
import { DAY_MS } from '../../shared/time';
import { SEED_DATA_VERSION, referenceDateOn } from '../seed/data';
import { UsageError, findOption } from '../args';
import { parseClock, shiftClock } from '../clock';
import { createApp, listen } from './app';
import { startFakeWecom } from '../wecom/start';

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

async function main(): Promise<void> {
  const clock = arg('--clock') ?? process.env['LOCAL_CLOUD_CLOCK'];
  if (clock) shiftClock(parseClock(clock));
  const referenceDate = arg('--reference-date');
  const port = Number(arg('--port') ?? process.env['PORT'] ?? 10086);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口不合法：${String(port)}`);

  if (!process.argv.includes('--no-build') && h5IsStale()) {
    console.log('正在构建 H5（首次约 20 秒）…');
    const r = spawnSync('npm', ['run', 'build:h5'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('H5 构建失败，见上方输出');
  }

  const cloud = openLocalCloud({ dbFile: arg('--db') });
  const seeded = seed(cloud, { referenceDate: referenceDate ?? referenceDateOn(Date.now()) });
  console.log(seeded.seeded ? `已写入演示数据：${JSON.stringify(seeded.counts)}` : '演示数据已存在，跳过写入（npm run seed -- --reset 可重置）');
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
  cloud.publicUrl = `http://127.0.0.1:${actual}`;
  const wecom = await startFakeWecom(cloud, cloud.publicUrl);
  console.log(`模拟企业微信：${wecom.url}（回调发往 ${cloud.publicUrl}/__http/wecom）`);
  console.log(`WECOM_FAKE ${wecom.url}`);
  console.log(`\n本地云已启动：${cloud.publicUrl}/\n  数据库：${cloud.store.file}\n  云函数：${cloud.functionNames().join(', ')}\n按 Ctrl-C 停止。`);
  // Tests read this line to learn the port.
  console.log(`LISTENING ${actual}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止…`);
    void wecom.stop();
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
