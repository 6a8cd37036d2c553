import { z } from 'zod';
import { action } from '../contract';
import type { Role } from '../roles';

export interface DealerSummary {
  id: string;
  name: string;
  /** Dealer level code, e.g. 'A' (一级核心), 'B', 'C'. */
  level: string;
  levelName: string;
  region: string;
  regionName: string;
  /** The first-tier dealer a second-tier dealer buys through, if any. */
  parentDealerId: string | null;
}

export type MeOutput =
  | { registered: false; openid: string }
  | {
      registered: true;
      openid: string;
      userId: string;
      name: string;
      role: Role;
      mobile: string | null;
      dealer: DealerSummary | null;
    };

export const users = {
  /** The caller's own profile: role and dealer come from the database, identity from the platform. */
  me: action<MeOutput>()(z.strictObject({})),
};
