/**
 * The shape of the weapp build itself: which pages are tabs, what lives in subpackages, and what
 * must never ship to production. (Every tab now has real data; each has its own test file.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_DIR, assertWeappBuilt } from './support/weapp';

describe('the weapp build', () => {
  let appJson: {
    pages: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
    lazyCodeLoading?: string;
    tabBar: { list: Array<{ pagePath: string; text: string; iconPath: string; selectedIconPath: string }> };
  };

  beforeAll(() => {
    assertWeappBuilt();
    appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as typeof appJson;
  });

  /** Bytes of every file under dir. */
  const sizeOf = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
      const p = path.join(dir, e.name);
      return sum + (e.isDirectory() ? sizeOf(p) : fs.statSync(p).size);
    }, 0);

  it('has the five tabs 商品 购物车 订单 返利 我的, each with both icons present', () => {
    expect(appJson.tabBar.list.map((t) => [t.pagePath, t.text])).toEqual([
      ['pages/catalog/index', '商品'],
      ['pages/cart/index', '购物车'],
      ['pages/orders/index', '订单'],
      ['pages/rebates/index', '返利'],
      ['pages/me/index', '我的'],
    ]);
    for (const tab of appJson.tabBar.list) {
      expect(fs.existsSync(path.join(WEAPP_DIR, tab.iconPath))).toBe(true);
      expect(fs.existsSync(path.join(WEAPP_DIR, tab.selectedIconPath))).toBe(true);
    }
    expect(appJson.lazyCodeLoading).toBe('requiredComponents');
  });

  it('keeps secondary flows in subpackages and leaves the local persona switcher out of production', () => {
    const roots = (appJson.subPackages ?? []).map((s) => s.root);
    expect(roots).toContain('packages/account');
    expect(roots).not.toContain('packages/local');
    expect(appJson.pages.every((p) => p.startsWith('pages/'))).toBe(true);

    const shipped = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? shipped(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const leaks = shipped(WEAPP_DIR).filter((f) => /\.(js|json|wxml)$/.test(f) && /__cloud\/|x-local-openid|local\.persona/.test(fs.readFileSync(f, 'utf8')));
    expect(leaks).toEqual([]);
  });

  it('fits WeChat’s package limits and the team’s budget: the main package under 600 KB, each subpackage under 2 MB', () => {
    const subRoots = (appJson.subPackages ?? []).map((s) => s.root);
    const subSizes = subRoots.map((r) => sizeOf(path.join(WEAPP_DIR, r)));
    const main = sizeOf(WEAPP_DIR) - subSizes.reduce((a, b) => a + b, 0);
    // WeChat caps the main package at 2 MB; ours stays under 600 KB (1 KB = 1,024 bytes, as WeChat
    // counts): a new area goes in a subpackage.
    expect(main).toBeLessThan(600 * 1024);
    for (const s of subSizes) expect(s).toBeLessThan(2 * 1024 * 1024);
  });
});
