import type { Page } from 'playwright-core';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(120_000);

describe('product pictures in the H5 catalog', () => {
  let page: Page;
  let url: string;
  useBrowserApp(({ server, page: p }) => {
    page = p;
    url = server.url;
  });

  it('shows the first cards’ pictures from cloud storage in boxes that keep their size, and leaves cards far below unloaded', async () => {
    await page.goto(`${url}/`);
    const first = page.locator('.catalog-item').first();
    await first.waitFor();
    const box = first.locator('.product-image-box');
    const before = await box.boundingBox();
    await first.locator('.product-image-picture-shown').waitFor();
    const picture = await first.locator('.product-image-picture img').evaluate((img: HTMLImageElement) => ({ src: img.src, width: img.naturalWidth }));
    expect(picture.src).toMatch(/\/__storage\/products\/[0-9a-f]{24}\.png$/);
    expect(picture.width).toBe(240);
    expect(await box.boundingBox()).toEqual(before);
    // Lazy: cards rendered below the first screens have not asked for their pictures yet.
    const cards = await page.locator('.catalog-item').count();
    const waiting = await page.locator('.product-image-picture img:not([src])').count();
    expect(cards).toBeGreaterThan(8);
    expect(waiting).toBeGreaterThan(0);
  });
});
