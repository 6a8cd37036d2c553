import type { Reader } from '@shared/enablement';
import type { Db } from '../../_kit/db';
import type { AuthedCaller } from '../../_kit/router';

/** The caller as a reader: role, and their dealer's level and region (a dealer's people), or their regions (a manager). */
export async function readerOf(db: Db, caller: AuthedCaller): Promise<Reader> {
  const dealer = caller.dealerId ? await db.getById('dealers', caller.dealerId) : null;
  return {
    role: caller.role,
    dealer: dealer ? { id: dealer._id, level: dealer.level, region: dealer.region } : null,
    regions: caller.user.regions ?? [],
  };
}
