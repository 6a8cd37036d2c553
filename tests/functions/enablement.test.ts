import type { ResourceItem, UnreadReader } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/** The enablement hub through its function: permission by level, region and role, versions, readings, reminders. */
jest.setTimeout(60_000);
const t = seededCloud();
afterAll(() => t.cleanup());
const admin = <T>(action: string, input: Record<string, unknown> = {}) => t.call<T>('enablement', { action, ...input }, undefined, 'wx_devtools');
const as = <T>(openid: string, action: string, input: Record<string, unknown> = {}) => t.call<T>('enablement', { action, ...input }, openid, 'wx_client');
type List = { items: ResourceItem[]; newCount: number; mustReadCount: number };
const FILE = 'cloud://demo-env.7465-demo-env/enablement/test.pdf';
const RESOURCE = {
  id: 'test-east-a-policy',
  title: '华东 A 级经销商返利细则',
  kind: 'policy',
  fileId: FILE,
  fileType: 'pdf',
  target: { levels: ['A'], regions: ['east'], dealerIds: [] },
  roles: ['dealer', 'clerk'],
  mustReadBy: Date.now() + 7 * 86_400_000,
};
const ids = (l: List) => l.items.map((i) => i.id);

describe('the enablement hub', () => {
  beforeAll(async () => {
    okData(await admin('publishResource', RESOURCE));
  });

  it('shows a resource only to the levels, regions and roles it is for, as new and must-read', async () => {
    const a = okData(await as<List>('demo-dealer-a', 'resources'));
    expect(ids(a)).toContain(RESOURCE.id);
    const item = a.items.find((i) => i.id === RESOURCE.id)!;
    expect(item).toEqual(expect.objectContaining({ read: false, isNew: true, version: 1 }));
    expect(a.mustReadCount).toBeGreaterThanOrEqual(1);
    // demo-dealer-b is another dealer outside 华东's level A; the manager role is not among the roles.
    expect(ids(okData(await as<List>('demo-dealer-b', 'resources')))).not.toContain(RESOURCE.id);
    expect(ids(okData(await as<List>('demo-manager', 'resources')))).not.toContain(RESOURCE.id);
  });

  it('records a reading once per user and version, and a new file asks for it again', async () => {
    expect(okData(await as<{ recorded: boolean }>('demo-dealer-a', 'markRead', { resourceId: RESOURCE.id, version: 1 }))).toEqual({ recorded: true });
    expect(okData(await as<{ recorded: boolean }>('demo-dealer-a', 'markRead', { resourceId: RESOURCE.id, version: 1 }))).toEqual({ recorded: false });
    expect(t.cloud.store.all('enablement_reads').filter((r) => r['resourceId'] === RESOURCE.id)).toHaveLength(1);
    let item = okData(await as<List>('demo-dealer-a', 'resources')).items.find((i) => i.id === RESOURCE.id)!;
    expect(item).toEqual(expect.objectContaining({ read: true, isNew: false }));
    expect(okData(await admin<{ version: number }>('publishResource', { ...RESOURCE, fileId: FILE.replace('test.pdf', 'test-v2.pdf') })).version).toBe(2);
    item = okData(await as<List>('demo-dealer-a', 'resources')).items.find((i) => i.id === RESOURCE.id)!;
    expect(item).toEqual(expect.objectContaining({ read: false, version: 2 }));
    const stale = await as('demo-dealer-a', 'markRead', { resourceId: RESOURCE.id, version: 1 });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('CONFLICT');
  });

  it('refuses a reading of a resource the caller may not see', async () => {
    const r = await as('demo-dealer-b', 'markRead', { resourceId: RESOURCE.id, version: 2 });
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
  });

  it('tells a manager who has not read it yet, and reminds those who allowed the message', async () => {
    okData(await as('demo-dealer-a', 'markRead', { resourceId: RESOURCE.id, version: 2 }));
    const { readers, read } = okData(await as<{ readers: UnreadReader[]; read: number }>('demo-manager', 'unreadReaders', { resourceId: RESOURCE.id }));
    expect(read).toBe(1);
    expect(readers.length).toBeGreaterThan(0);
    expect(readers.every((r) => r.dealerId !== null && ['dealer', 'clerk'].includes(r.role))).toBe(true);
    expect(readers.map((r) => r.userId)).not.toContain(t.cloud.store.all('users').find((u) => u['openid'] === 'demo-dealer-a')!._id);
    const someone = t.cloud.store.all('users').find((u) => u._id === readers[0]!.userId)!;
    // They tapped 允许 for the reminder: WeChat keeps the grant (the local cloud plays the dialog) and the app records it.
    t.cloud.acceptSubscription(String(someone['openid']), ['local-must_read_reminder']);
    okData(await t.call('users', { action: 'recordSubscription', accepted: ['must_read_reminder'] }, String(someone['openid']), 'wx_client'));
    const sent = okData(await as<{ reminded: number; unread: number }>('demo-manager', 'remindUnread', { resourceId: RESOURCE.id }));
    expect(sent).toEqual({ reminded: 1, unread: readers.length });
    const again = okData(await as<{ reminded: number }>('demo-manager', 'remindUnread', { resourceId: RESOURCE.id }));
    expect(again.reminded).toBe(0);
  });

  it('counts the must-reads the caller has not read for the badge on 我的, as the hub’s list does, and a new version counts again', async () => {
    const count = async (openid: string) => okData(await as<{ count: number }>(openid, 'mustReadCount')).count;
    const list = async (openid: string) => okData(await as<List>(openid, 'resources')).mustReadCount;
    const before = await count('demo-dealer-a');
    expect(before).toBe(await list('demo-dealer-a'));
    expect(await count('demo-clerk')).toBe(await list('demo-clerk'));
    okData(await admin('publishResource', { ...RESOURCE, title: `${RESOURCE.title}（修订）` }));
    expect(await count('demo-dealer-a')).toBe(before + 1);
    expect(await list('demo-dealer-a')).toBe(before + 1);
  });

  it('lists a manager the must-reads aimed at their regions, soonest deadline first, and refuses a dealer', async () => {
    const { items } = okData(await as<{ items: Array<{ id: string; mustReadBy: number }> }>('demo-manager', 'mustReads'));
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([RESOURCE.id, 'policy-2027-rebate']));
    expect(items.map((i) => i.mustReadBy)).toEqual([...items.map((i) => i.mustReadBy)].sort((a, b) => a - b));
    expect(items.map((i) => i.id)).not.toContain('display-standard');
    const refused = await as('demo-dealer-a', 'mustReads');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
  });

  it('refuses a file that is not in cloud storage, and a dealer publishing', async () => {
    const bad = await admin('publishResource', { ...RESOURCE, fileId: 'https://example.com/x.pdf' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT');
    const forbidden = await as('demo-dealer-a', 'publishResource', RESOURCE);
    expect(forbidden.ok ? 'ok' : forbidden.error.code).toBe('FORBIDDEN');
  });
});
