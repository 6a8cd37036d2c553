/**
 * A dealer's way in, in a real browser against `npm start`: a WeChat user with no account applies
 * (申请加盟) with a valid credit code and a licence photo — a wrong code is refused on the phone
 * before anything is sent — the region's channel manager approves on 加盟审核 and hands over the
 * owner's invitation; the owner opens it, sees the catalog at the new level, places an order and
 * invites a clerk. A second application of the same code reaches the reviewer with that reason.
 */
import type { Page } from 'playwright-core';
import type { ApplicationView } from '../../shared/contracts';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(240_000);

/** A real company's 统一社会信用代码 (its check character is right); nobody in the demo data holds it. */
const CODE = '91330100799655058B';
/** A 1 × 1 PNG: the business-licence "photo". */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64');

describe('a dealer’s lifecycle in the browser: apply, review, invitation, first order', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));

  /** Taro's H5 keeps earlier pages in the DOM, hidden: act on the one showing. */
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();
  const visit = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#${hash}`);
  };
  /** Be this WeChat user (the local build's persona; any openid, registered or not). */
  const as = async (openid: string) => {
    await page.goto(`${server.url}/`);
    await page.evaluate((o) => localStorage.setItem('local.persona', JSON.stringify({ data: o })), openid);
  };

  it('an applicant’s wrong credit code is refused on the phone; the corrected application with a licence photo is sent', async () => {
    await as('e2e-applicant-0001');
    await visit('/pages/me/index');
    await shown('.me-apply').click();
    await shown('.apply-form').waitFor();
    const fields = { company: '杭州西湖茶业有限公司', legalRep: '张三', contactName: '李四', mobile: '13900000011', stores: '3', salesWan: '200' };
    for (const [key, value] of Object.entries(fields)) await shown(`.apply-input-${key} input`).fill(value);
    await shown('.apply-input-creditCode input').fill(CODE.slice(0, 17) + 'A');
    await expect(shown('.apply-error-creditCode').textContent()).resolves.toContain('校验位不正确');
    await shown('.apply-field-division').click();
    for (const name of ['浙江省', '杭州市', '西湖区']) await page.locator('.division-option:visible', { hasText: name }).first().click();
    await expect(shown('.apply-division').textContent()).resolves.toBe('浙江省 杭州市 西湖区');
    await shown('.apply-category').first().click();
    const chooser = page.waitForEvent('filechooser');
    await shown('.apply-licence').click();
    await (await chooser).setFiles({ name: 'licence.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForFunction(() => document.querySelector('.taro_page .apply-licence')?.textContent?.includes('已上传'));

    // Sent with the wrong code: the contract's check refuses it before the network.
    await shown('.apply-submit').click();
    await expect(shown('.apply-error-creditCode').textContent()).resolves.toContain('校验位');
    expect((await ask<{ application: ApplicationView | null }>('dealers', { action: 'myApplication' }, 'e2e-applicant-0001')).application).toBeNull();

    await shown('.apply-input-creditCode input').fill(CODE);
    await shown('.apply-submit').click();
    // The tap asks to be told the answer (the local build's stand-in for WeChat's consent dialog): allow.
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await page.locator('.taro-model__confirm:visible').click();
    await shown('.apply-status-submitted').waitFor();
    const { application } = await ask<{ application: ApplicationView }>('dealers', { action: 'myApplication' }, 'e2e-applicant-0001');
    expect(application).toMatchObject({ creditCode: CODE, status: 'submitted', region: 'east', district: { code: '330106', name: '西湖区' } });
    expect(application.licenceFileId).toMatch(/^cloud:\/\/.+\/licences\//);
  });

  let code = '';
  it('the region’s manager approves on the phone with level, credit and terms, and gets the owner’s invitation', async () => {
    await as('demo-manager');
    await visit('/pages/me/index');
    await shown('.me-review').click();
    const card = shown('.review-card').filter({ hasText: '杭州西湖茶业有限公司' });
    await card.waitFor();
    await expect(card.locator('.review-rule-duplicate_credit_code').textContent()).resolves.toContain('信用代码未重复');
    await card.locator('.review-level-B').click();
    await card.locator('.review-limit input').fill('20');
    await card.locator('.review-days input').fill('45');
    await card.locator('.review-approve').click();
    code = ((await card.locator('.invite-qr-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await card.locator('.qr-dark').first().waitFor();
    // The applicant allowed it: the answer went to them as a subscription message opening 申请加盟.
    const sent = (await (await fetch(`${server.url}/__cloud/messages?touser=e2e-applicant-0001`)).json()) as Array<{ page: string }>;
    expect(sent.map((m) => m.page)).toEqual(['packages/account/apply/index']);
  });

  it('the owner opens the invitation, sees the catalog at the new level and places an order', async () => {
    await as('e2e-applicant-0001');
    await visit(`/packages/account/invite/index?code=${code}`);
    await shown('.invite-accept').click();
    await expect(shown('.invite-dealer').textContent()).resolves.toContain('杭州西湖茶业有限公司');
    await shown('.invite-start').click();
    await page.locator('.taro_page:visible .catalog-item').first().waitFor();

    await visit('/pages/me/index');
    await expect(shown('.me-level').textContent()).resolves.toBe('二级经销商');
    await shown('.me-credit').click();
    await shown('.me-credit-limit').waitFor();
    await expect(shown('.me-credit-limit').textContent()).resolves.toBe('¥200,000.00');
    await expect(shown('.me-credit-terms').textContent()).resolves.toBe('45 天');
    await expect(shown('.me-credit-headroom').textContent()).resolves.toBe('¥200,000.00');

    // The level's price list is what the owner is quoted: the same product costs a level-A dealer less.
    const line = [{ sku: 'sku-0001', qty: 10, unit: '箱' }];
    const mine = await ask<{ totals: { payable: number } }>('pricing', { action: 'quote', lines: line }, 'e2e-applicant-0001');
    const levelA = await ask<{ totals: { payable: number } }>('pricing', { action: 'quote', lines: line }, 'demo-dealer-a');
    expect(mine.totals.payable).not.toBe(levelA.totals.payable);

    await visit('/packages/product/detail/index?sku=sku-0001');
    await shown('.product-add').click();
    await visit('/pages/cart/index');
    await page.locator('.cart-checkout:not(.cart-checkout-off):visible').last().click();
    const address = { name: '李四', mobile: '13900000011', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
    for (const [key, value] of Object.entries(address)) await shown(`.checkout-input-${key} input`).fill(value);
    await shown('.checkout-submit').click();
    await page.locator('.taro-model__confirm:visible').click();
    await page.waitForURL(/packages\/orders\/detail/);
    const list = await ask<{ items: Array<{ dealerName: string }> }>('orders', { action: 'list' }, 'e2e-applicant-0001');
    expect(list.items.map((o) => o.dealerName)).toEqual(['杭州西湖茶业有限公司']);
  });

  it('the owner invites a clerk, who binds with the code', async () => {
    await visit('/pages/me/index');
    await shown('.me-staff').click();
    await shown('.staff-name input').fill('王导购');
    await shown('.staff-invite-clerk').click();
    const clerkCode = ((await shown('.invite-qr-code').textContent()) ?? '').trim();
    const bound = await ask<{ role: string; dealerName: string }>('users', { action: 'acceptInvitation', code: clerkCode }, 'e2e-clerk-0001');
    expect(bound).toMatchObject({ role: 'clerk', dealerName: '杭州西湖茶业有限公司' });
    await visit('/packages/dealers/detail/index');
    await shown('.staff-clerk').waitFor();
  });

  it('a second application of the same credit code reaches the reviewer with that reason shown', async () => {
    const form = {
      company: '杭州西湖茶业第二分公司',
      creditCode: CODE,
      legalRep: '张三',
      contactName: '赵六',
      mobile: '13900000012',
      province: { code: '33', name: '浙江省' },
      city: { code: '3301', name: '杭州市' },
      district: { code: '330108', name: '滨江区' },
      categoryIds: [],
      stores: 2,
      annualSalesFen: 100_000_000,
      desiredLevel: 'C',
      licenceFileId: 'cloud://x/licences/second.jpg',
    };
    await ask('dealers', { action: 'apply', form }, 'e2e-applicant-0002');
    await as('demo-manager');
    await visit('/packages/dealers/review/index');
    const card = shown('.review-card').filter({ hasText: '杭州西湖茶业第二分公司' });
    await expect(card.locator('.review-rule-duplicate_credit_code').textContent()).resolves.toContain(
      '统一社会信用代码重复：已是经销商「杭州西湖茶业有限公司」',
    );
  });
});
