import type { LocalCloud } from '../cloud';
import { DEMO_WECOM, FakeWecom } from './server';

/**
 * `npm start`'s fake WeCom: demo settings into the environment the wecom function reads (same
 * process), the seeded clerks as members and the seeded customers as contacts, callbacks posted to
 * the dev server's HTTP-access route. Port: WECOM_FAKE_PORT, default any free one.
 */
export async function startFakeWecom(cloud: LocalCloud, publicUrl: string): Promise<FakeWecom> {
  const fake = new FakeWecom({ ...DEMO_WECOM, callbackUrl: `${publicUrl}/__http/wecom` });
  await fake.start(Number(process.env['WECOM_FAKE_PORT'] ?? 0));
  Object.assign(process.env, fake.env(), { WECOM_LOOPBACK_ONLY: '1' });
  if (cloud.store.hasCollection('wecom_staff')) {
    for (const s of cloud.store.all('wecom_staff')) fake.addMember(s._id, String(s['name'] ?? s._id), s['status'] === 'resigned' ? 'resigned' : 'active');
  }
  if (cloud.store.hasCollection('wecom_customers')) {
    for (const c of cloud.store.all('wecom_customers')) {
      for (const r of (c['relations'] as Array<{ userId: string; state: string | null }>) ?? []) {
        fake.addContact({
          userId: r.userId,
          name: String(c['name'] ?? '客户'),
          externalUserId: c._id,
          unionid: (c['unionid'] as string | null) ?? null,
          state: r.state ?? undefined,
        });
      }
    }
  }
  return fake;
}
