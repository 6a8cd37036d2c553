import { launchChromium } from '../helpers/browser';
import { startServer } from '../helpers/server';
jest.setTimeout(120000);
it('shots', async () => {
  const server = await startServer();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}/#/pages/cart/index`);
  await page.evaluate(() => localStorage.setItem('cart.v1', JSON.stringify({data: [{sku:'sku-0001',qty:5,unit:'箱'},{sku:'sku-0002',qty:2,unit:'箱'}]})));
  await page.goto(`${server.url}/#/pages/catalog/index`);
  await page.goto(`${server.url}/#/pages/cart/index`);
  await page.locator('.taro_page:visible .cart-total-payable').last().waitFor();
  const info = await page.evaluate(() => { const b = document.querySelector('.cart-checkout-bar'); if (!b) return 'none ' + document.querySelector('.page-cart')?.innerHTML.slice(-600); const cs = getComputedStyle(b); return JSON.stringify({r: b.getBoundingClientRect(), bottom: cs.bottom, pos: cs.position, z: cs.zIndex}); });
  console.log(info);
  await page.screenshot({ path: '/tmp/shots/cart2.png' });
  await browser.close();
  await server.stop();
});
