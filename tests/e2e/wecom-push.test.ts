import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { generate } from '../../mocks/seed';
import { SECOND_CLERK_CUSTOMER } from '../../mocks/seed/wecom';
import { tagKey, wantedTags } from '../../shared/wecom/tags';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(120_000);

/** The smallest PNG: one transparent pixel. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * 总部一键下发 under `npm start`, in a real browser: the admin creates a content task for 华东 with
 * an image, a customer tag and a mini-program card, sees the plan (a customer over this month's limit skipped, with the reason)
 * and confirms; the demo clerk's fake WeCom confirms and sends it; after a refresh the admin sees
 * that clerk as sent and the store's other clerk as not sent.
 */
describe('HQ pushes content through the clerks and sees who sent it', () => {
  let page: Page;
  let server: RunningServer;
  const { shown, visit, as } = useBrowserApp((app) => ({ page, server } = app));
  const demo = generate();
  // The channel tag the demo clerk's store gives each of its customers (渠道/<store>).
  const store = demo.dealers.find((d) => d._id === demo.users.find((u) => u.openid === 'demo-clerk')!.dealerId)!;
  const channelTag = wantedTags({ dealer: { id: store._id, name: store.name }, clerk: null, campaign: null }).map((t) => tagKey(t.group, t.name))[0]!;
  /** A document as the server stored it (read-only, beside the running server). */
  const stored = <T>(coll: string, id: string): T => {
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT body FROM docs WHERE coll = ? AND id = ?').get(coll, id) as { body: string } | undefined;
      return (row ? JSON.parse(row.body) : undefined) as T;
    } finally {
      db.close();
    }
  };
  // The store's other clerk with a customer (the seed gives one to her).
  const other = { _id: demo.wecom_customers.find((c) => c._id === SECOND_CLERK_CUSTOMER)!.relations[0]!.userId };

  it('the admin creates a task for 华东 with a campaign card and sees the plan, a customer over the month’s limit skipped with the reason', async () => {
    await as('demo-admin');
    await visit('/packages/wecom-push/create/index');
    await shown('.push-title-input input').fill('暖冬热饮上新');
    await shown('.push-text-input textarea').fill('天冷了，青禾热饮全线上新，点卡片领 ¥10 立减券。');
    // An image from the browser's file chooser, into the local storage.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.push-image-add').click()]);
    await chooser.setFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.locator('.push-image:not(.push-image-add)').first().waitFor();
    await shown('.push-region-east').click();
    // Limited to the store's channel tag, which every one of its customers carries; a malformed tag is refused on the spot.
    await shown('.push-tag-input input').fill('春茶季');
    await shown('.push-tag-add').click();
    // Taro's H5 toast: its wrapper has no box of its own; the text inside is what shows.
    await page.locator('.taro__toast').getByText('分组/标签', { exact: false }).waitFor();
    await shown('.push-tag-input input').fill(channelTag);
    await shown('.push-tag-add').click();
    await shown('.push-tag').filter({ hasText: channelTag }).waitFor();
    await shown('.push-card-qh-winter-2026').click();
    await shown('.push-plan').click();
    await shown('.push-clerk-zhangxiaoli').waitFor();
    const plan = (await shown('.page-push-task').textContent()) ?? '';
    expect(plan).toContain('跳过 陈女士：本月已收到 30 条企业群发（上限 30 条）');
    expect(plan).toContain('小程序卡片');
    expect(plan).toContain('图片 1 张');
    const taskId = decodeURIComponent(new URL(page.url().replace('#', '')).searchParams.get('id') ?? '');
    const task = stored<{ audience: { tags: string[] }; images: string[] }>('wecom_push_tasks', taskId);
    expect(task.audience.tags).toEqual([channelTag]);
    expect(task.images).toEqual([expect.stringMatching(/^cloud:\/\/[^/]+\/push\/[a-z0-9-]+\.jpg$/)]);
    await shown('.push-confirm').click();
    await shown('.push-refresh').waitFor();
  });

  it('the demo clerk confirms and sends it in (fake) WeCom; the admin then sees her as sent and the other clerk as not sent', async () => {
    const fakeUrl = /WECOM_FAKE (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1]!;
    const res = await fetch(`${fakeUrl}/__fake/groupmsg/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'zhangxiaoli' }),
    });
    expect(((await res.json()) as { sent: number }).sent).toBe(1);
    await shown('.push-refresh').click();
    await page.waitForFunction(() => [...document.querySelectorAll('.push-clerk-zhangxiaoli')].some((n) => n.textContent?.includes('已发送')));
    expect(await shown('.push-clerk-zhangxiaoli').textContent()).toContain('送达 2 位');
    const unsent = (await shown(`.push-clerk-${other._id}`).textContent()) ?? '';
    expect(unsent).toContain('已下发，待导购发送');
    expect(unsent).toContain('提醒发送');
    expect(await shown('.push-dealers').textContent()).toContain('1/2 已发送 · 50%');
  });
});
