import { campaignPhase, PHASE_LABELS } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { LandingView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { Db } from '../../../_kit/db';
import { defineOpenidAction } from '../../../_kit/router';
import { consentView, couponView, eventTransaction, storeView, visitorId } from '../lib';
import { consumer, open } from '../scene';
import type { Opened } from '../scene';
import type { VisitorState, VisitReads } from '../visit';
import { recordVisit } from '../visit';

// The visitor is known by OPENID alone (no user record is read for it: defineOpenidAction).
export const landing = defineOpenidAction(contracts.campaigns.landing, async ({ scene }, { db, caller, now }) => {
  const openid = consumer(caller);
  if (openid instanceof Refusal) return openid;
  const o = await open(db, scene, { openid, now });
  if (o instanceof Refusal) return o;
  const c = o.campaign;
  const phase = campaignPhase(c, now);
  // What the page shows beside the visit (the store, the coupon and consent the visitor already
  // has) does not wait for the visit to be counted: read beside its transaction, from the visitor
  // read with the code — in CloudBase one network hop instead of one more after the commit.
  const early = o.visitor !== undefined ? consumerReads(db, c._id, openid, o.visitor?.couponCode ?? null, o.owner.dealerId) : null;
  early?.catch(() => undefined);
  const v = await visit(db, o, openid, now, phase === 'running');
  if (v instanceof Refusal) return v;
  // A visit counted on a second try read the visitor afresh: its coupon may be new, so read again.
  const sameCode = early !== null && (o.visitor?.couponCode ?? null) === v.couponCode;
  const { coupon, lead, dealer } = sameCode ? await early : await consumerReads(db, c._id, openid, v.couponCode, o.owner.dealerId);
  const view: LandingView = {
    code: o.code,
    campaign: { id: c._id, title: c.title, summary: c.summary, period: c.period, phase, phaseLabel: PHASE_LABELS[phase], coupon: c.coupon, share: c.share },
    dealerName: o.owner.dealerName,
    sharerName: o.owner.sharerName,
    visitCounted: v.counted,
    coupon: coupon && v.couponCode ? couponView(v.couponCode, coupon, now) : null,
    store: storeView(o.owner.dealerName, dealer),
    consent: lead ? consentView(lead) : null,
  };
  return view;
});

/** Count the visit when the campaign runs (a sharer opening their own code is not a visit); the visitor's coupon code either way. */
async function visit(db: Db, o: Opened, openid: string, now: number, running: boolean): Promise<{ counted: boolean; couponCode: string | null } | Refusal> {
  if (!running || openid === o.owner.sharerOpenid) {
    const visitor = o.visitor !== undefined ? o.visitor : await db.getById<VisitorState>('campaign_visitors', visitorId(o.campaign._id, openid));
    return { counted: false, couponCode: visitor?.couponCode ?? null };
  }
  // What was read beside the code serves the first run; a run again after a failed insert reads afresh.
  let read: VisitReads = { visitor: o.visitor, visitShard: o.visitShard };
  const r = await eventTransaction(db, (tx) => {
    const known = read;
    read = {};
    return recordVisit(tx, db, o, openid, now, {}, known);
  });
  if (r instanceof Refusal) return r;
  return { counted: r.counted, couponCode: r.visitor?.couponCode ?? null };
}

/** The coupon, the consent given with the lead and the store's address, read together. */
async function consumerReads(db: Db, campaignId: string, openid: string, couponCode: string | null, dealerId: string) {
  const [coupon, lead, dealer] = await Promise.all([
    couponCode ? db.getById('campaign_coupons', couponCode) : null,
    couponCode ? db.getById('campaign_leads', visitorId(campaignId, openid)) : null,
    db.getById('dealers', dealerId),
  ]);
  return { coupon, lead, dealer };
}
