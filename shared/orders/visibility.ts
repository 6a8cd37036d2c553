import type { Role } from './kit';

/**
 * Who is looking at an order, as far as seeing it goes: the console, the platform's own timers
 * (actorId 'system'), or a user with a role and, by role, a dealer or regions.
 */
export interface Viewer {
  console: boolean;
  actorId: string;
  user: { role: Role; dealerId: string | null; regions?: readonly string[] } | null;
}

/**
 * Whether the viewer may see this order at all. Dealers and clerks see their dealer's orders,
 * managers the orders of their regions, admins, the console and the timers everything. Someone
 * else's order is NOT_FOUND to the caller: its existence is not revealed.
 */
export function canSee(viewer: Viewer, order: { dealerId: string; dealerRegion: string }): boolean {
  if (viewer.console || viewer.actorId === 'system') return true;
  const u = viewer.user;
  if (!u) return false;
  switch (u.role) {
    case 'admin':
      return true;
    case 'manager':
      return (u.regions ?? []).includes(order.dealerRegion);
    default:
      return u.dealerId === order.dealerId;
  }
}
