import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/browser';

/** Debian's chromium (or the one scripts/browser.ts finds), headless, with nothing that reaches beyond loopback (playwright gives it a fresh profile). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: `npm run test:e2e` sets one up (scripts/browser.ts), or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
