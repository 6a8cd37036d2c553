/**
 * The browser tests need a Chromium. `npm test` finds one before it runs them, or sets one up:
 * - $CHROMIUM_PATH, then the system's (Debian's /usr/bin/chromium, chromium-browser, Google Chrome);
 * - where none is there and this is root on a machine with apt, Debian's chromium with CJK fonts
 *   (fonts-noto-cjk, so screenshots show the Chinese UI);
 * - otherwise it stops with one line saying what to install.
 * `tsx scripts/browser.ts` prints the path it will use.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** The first usable Chromium, or null. */
export function findChromium(): string | null {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

function canApt(): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function apt(args: string[]): void {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${String(r.status)})`);
}

/** A usable Chromium's path, installing Debian's when allowed; throws with one line of advice otherwise. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.env['CHROMIUM_PATH']) throw new Error(`CHROMIUM_PATH=${process.env['CHROMIUM_PATH']} does not exist: point it at a Chromium or unset it`);
  if (!canApt()) {
    throw new Error(
      'The browser tests need Chromium: run `sudo apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH to a Chromium or Chrome), then npm test again',
    );
  }
  console.log('== installing Debian chromium and CJK fonts for the browser tests (once)');
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']);
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no chromium binary was found in /usr/bin');
  return installed;
}

if (require.main === module) {
  try {
    console.log(`chromium: ${ensureChromium()}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
