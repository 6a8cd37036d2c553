/**
 * A channel manager's side of a dealer's life, in a real browser against `npm start`: a level
 * change the monthly rating proposed is approved on the phone and the dealer's level changes; an
 * offboarding started from the dealer's page shows its steps as the function stored them and is
 * retried; a must-read's readers are reminded from the hub. And a video in the hub plays on H5.
 */
import type { Page } from 'playwright-core';
import type { LevelProposalView, OffboardingView, ResourceItem } from '../../shared/contracts';
import { levelName } from '../../shared/dealer';
import { shanghaiMonthKey, shiftMonthKey } from '../../shared/time';
import { PERSONAS } from '../../mocks/seed/people';
import { useBrowserApp } from '../helpers/browser-app';
import { TEST_NOW } from '../helpers/clock';

jest.setTimeout(120_000);

describe('a channel manager’s lifecycle screens in the browser', () => {
  let page!: Page;
  const { ask, shown, visit, as } = useBrowserApp((app) => ({ page } = app));

  let proposal!: LevelProposalView;
  it('a manager approves a level proposal from 我的 with a comment, and the dealer’s level changes', async () => {
    await ask('lifecycle', { action: 'computeScorecards', month: shiftMonthKey(shanghaiMonthKey(TEST_NOW), -1) }, PERSONAS.admin);
    const { items } = await ask<{ items: LevelProposalView[] }>('lifecycle', { action: 'levelProposals' }, PERSONAS.manager);
    expect(items.length).toBeGreaterThan(0);
    proposal = items[0]!;
    await as(PERSONAS.manager);
    await visit('/pages/me/index');
    await shown('.me-proposals').click();
    const card = shown(`.proposal-card-${proposal.dealerId}`);
    await expect(card.locator('.proposal-from').textContent()).resolves.toBe(levelName(proposal.fromLevel));
    await expect(card.locator('.proposal-to').textContent()).resolves.toBe(levelName(proposal.toLevel));
    await expect(card.textContent()).resolves.toContain(proposal.reasons[0]!);
    await card.locator('.proposal-comment input').fill('评级连续变化，同意调整');
    await card.locator('.proposal-approve').click();
    await card.waitFor({ state: 'detached' });
    const dealer = await ask<{ level: string; levelName: string }>('dealers', { action: 'get', dealerId: proposal.dealerId }, PERSONAS.manager);
    expect(dealer.level).toBe(proposal.toLevel);
    await visit(`/packages/dealers/detail/index?dealerId=${proposal.dealerId}`);
    await expect(shown('.page-dealer-detail .muted').first().textContent()).resolves.toContain(levelName(proposal.toLevel));
  });

  it('a manager starts an offboarding from the dealer’s page and follows its steps, a blocked one with why, and retries', async () => {
    await shown('.dealer-offboarding').click();
    await shown('.offboarding-reason input').fill('合作到期不再续约');
    await shown('.offboarding-submit').click();
    await page.locator('.taro-model__confirm:visible').click();
    await shown('.offboarding-progress').waitFor();
    const view = await ask<OffboardingView>('lifecycle', { action: 'offboarding', dealerId: proposal.dealerId }, PERSONAS.manager);
    expect(view.steps.freeze.status).toBe('done');
    // Every step on screen in the state the function stored, a blocked one with its reason.
    for (const [step, s] of Object.entries(view.steps)) {
      await expect(shown(`.offboarding-step-${step}.offboarding-step-${s.status}`).count()).resolves.toBe(1);
      if (s.status === 'blocked') await expect(shown(`.offboarding-step-${step} .offboarding-reason-text`).textContent()).resolves.toContain(s.reason!);
    }
    if (view.status === 'done') {
      await shown('.offboarding-statement').waitFor();
      return;
    }
    const blocked = view.nextStep!;
    const attempts = view.steps[blocked as keyof typeof view.steps].attempts;
    await shown('.offboarding-retry').click();
    await page.waitForFunction(([step, n]) => document.querySelector(`.taro_page .offboarding-step-${step}`)?.textContent?.includes(`共 ${n} 次`), [
      blocked,
      attempts + 1,
    ] as const);
  });

  it('a manager opens who has not read a must-read from the hub, by dealer and person, and reminds them', async () => {
    await visit('/pages/me/index');
    await shown('.me-enablement').click();
    await shown('.hub-must-policy-2027-rebate').click();
    await shown('.unread-dealer').first().waitFor();
    const { readers } = await ask<{ readers: Array<{ name: string; dealerName: string | null }> }>(
      'enablement',
      { action: 'unreadReaders', resourceId: 'policy-2027-rebate' },
      PERSONAS.manager,
    );
    await expect(shown('.unread-counts').textContent()).resolves.toContain(`未读 ${readers.length} 人`);
    const first = page.locator('.taro_page:visible .unread-dealer').first();
    await expect(first.textContent()).resolves.toContain(readers[0]!.dealerName!);
    await expect(first.textContent()).resolves.toContain(readers[0]!.name);
    await shown('.unread-remind').click();
    await expect(page.locator('.taro-modal__text:visible').textContent()).resolves.toContain('已通过订阅消息提醒');
  });

  it('plays a video of the hub on H5 from the local storage', async () => {
    const dealerItems = await ask<{ items: ResourceItem[] }>('enablement', { action: 'resources' }, PERSONAS.dealerA);
    const fileId = dealerItems.items[0]!.fileId.replace(/[^/]+$/, 'training.mp4');
    await ask(
      'enablement',
      {
        action: 'publishResource',
        id: 'e2e-video',
        title: '新品陈列视频',
        kind: 'video',
        fileId,
        target: { levels: [], regions: [], dealerIds: [] },
        roles: ['dealer'],
      },
      PERSONAS.admin,
    );
    await as(PERSONAS.dealerA);
    await visit('/packages/enablement/index');
    await page.locator('.taro_page:visible .hub-item', { hasText: '新品陈列视频' }).last().click();
    await expect(shown('.hub-video-player video').getAttribute('src')).resolves.toMatch(/\/__storage\/.*training\.mp4$/);
  });
});
