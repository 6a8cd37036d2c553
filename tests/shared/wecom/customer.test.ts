import type { Attribution, ContactEvent, CustomerRecord } from '../../../shared/wecom';
import { applyEvent, completeTransfer, startTransfer } from '../../../shared/wecom';

const NOW = 1_800_000_000_000;
const ev = (changeType: ContactEvent['changeType'], userId: string, extra: Partial<ContactEvent> = {}): ContactEvent => ({
  corpId: 'ww',
  changeType,
  userId,
  externalUserId: 'wm1',
  state: null,
  createTime: '1800000000',
  source: null,
  failReason: null,
  ...extra,
});
const code: Attribution = { code: { campaignId: 'c1', dealerId: 'd1', clerkId: 'u1' }, staff: null };
const none: Attribution = { code: null, staff: null };

describe('applyEvent', () => {
  it('an add creates the record with the relation attributed by the code, and asks for a sync and tags', () => {
    const r = applyEvent(null, ev('add_external_contact', 'zs', { state: 'CODE1' }), code, NOW);
    expect(r.record.relations).toEqual([
      expect.objectContaining({ userId: 'zs', clerkId: 'u1', dealerId: 'd1', campaignId: 'c1', state: 'CODE1', status: 'active', addedAt: 1_800_000_000_000 }),
    ]);
    expect(r.followUps.map((f) => f.kind)).toEqual(['sync_contact', 'tag_relation']);
  });

  it('a second clerk adds a relation; the input record is not changed', () => {
    const first = applyEvent(null, ev('add_external_contact', 'zs'), none, NOW).record;
    const frozen = JSON.stringify(first);
    const second = applyEvent(first, ev('add_external_contact', 'ls'), none, NOW + 1).record;
    expect(second.relations.map((r) => r.userId)).toEqual(['zs', 'ls']);
    expect(JSON.stringify(first)).toBe(frozen);
  });

  it('deletions change the relation status; the record keeps every relation', () => {
    let rec: CustomerRecord = applyEvent(null, ev('add_external_contact', 'zs'), none, NOW).record;
    rec = applyEvent(rec, ev('add_external_contact', 'ls'), none, NOW).record;
    rec = applyEvent(rec, ev('del_follow_user', 'zs'), none, NOW).record;
    rec = applyEvent(rec, ev('del_external_contact', 'ls'), none, NOW).record;
    expect(rec.relations.map((r) => [r.userId, r.status])).toEqual([
      ['zs', 'deleted_by_customer'],
      ['ls', 'deleted_by_clerk'],
    ]);
  });

  it('transfer: started, then failed puts the customer back; started then completed moves it', () => {
    const base = applyEvent(null, ev('add_external_contact', 'zs'), none, NOW).record;
    const entry = { runId: 'r1', from: 'zs', to: 'ls', mode: 'resigned' as const, at: NOW, errcode: 0, outcome: 'started' as const, reason: null };
    const started = startTransfer(base, entry, { clerkId: 'u2', dealerId: 'd1' }, NOW);
    expect(started.relations.map((r) => [r.userId, r.status])).toEqual([
      ['zs', 'transferring'],
      ['ls', 'pending_takeover'],
    ]);
    const failed = applyEvent(started, ev('transfer_fail', 'ls', { failReason: 'customer_refused' }), none, NOW).record;
    expect(failed.relations.map((r) => [r.userId, r.status])).toEqual([
      ['zs', 'active'],
      ['ls', 'transfer_failed'],
    ]);
    expect(failed.transfers[0]).toEqual(expect.objectContaining({ outcome: 'failed', reason: 'customer_refused' }));
    const done = completeTransfer(started, 'zs', 'ls', NOW);
    expect(done.relations.map((r) => [r.userId, r.status])).toEqual([
      ['zs', 'transferred_out'],
      ['ls', 'active'],
    ]);
    const byEvent = applyEvent(started, ev('del_external_contact', 'zs', { source: 'DELETE_BY_TRANSFER' }), none, NOW).record;
    expect(byEvent.relations.map((r) => [r.userId, r.status])).toEqual([
      ['zs', 'transferred_out'],
      ['ls', 'active'],
    ]);
  });
});
