import { HEALTH_SAMPLES, HEALTH_WINDOW_MS, isAnswering } from '@shared/integration/webhooks';

/**
 * What this instance saw of each partner's recent answers (shared/integration/webhooks isAnswering):
 * the outcome of each of its last HEALTH_SAMPLES calls per subscription, dropped after
 * HEALTH_WINDOW_MS. Kept per instance, as a warm instance handles kick after kick: a partner
 * answering half its calls is seen within its first few deliveries, one that went down within as many.
 */
export class PartnerHealth {
  private readonly calls = new Map<string, Array<{ at: number; ok: boolean }>>();

  record(subscriptionId: string, ok: boolean, now: number): void {
    let seen = this.calls.get(subscriptionId);
    if (!seen) {
      if (this.calls.size > 1000) this.calls.clear();
      this.calls.set(subscriptionId, (seen = []));
    }
    seen.push({ at: now, ok });
    if (seen.length > HEALTH_SAMPLES) seen.shift();
  }

  answering(subscriptionId: string, now: number): boolean {
    const recent = (this.calls.get(subscriptionId) ?? []).filter((c) => c.at > now - HEALTH_WINDOW_MS);
    return isAnswering(recent.filter((c) => c.ok).length, recent.length);
  }
}

/** The instance's record, shared by its kicks, timer runs and replays. */
export const partnerHealth = new PartnerHealth();
