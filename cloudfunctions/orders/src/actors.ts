import type { Actor, OrderCommandType } from '@shared/orders';
import { rolesIssuing } from '@shared/orders';
import type { Access } from '@shared/roles';
import { CONSOLE } from '@shared/roles';
import type { Caller } from '../../_kit/router';

/** The actor of a command: role and dealer from the users collection, or the console / system. */
export function actorOf(caller: Caller): Actor {
  if (caller.user) return { role: caller.user.role, id: caller.user.openid, dealerId: caller.user.dealerId };
  return { role: caller.console ? 'admin' : 'system', id: caller.console ? 'console' : 'system' };
}

/**
 * Who may call the action that issues `command`: the roles the transition table
 * (shared/orders/transitions.ts) lets issue it from some state, and the console wherever an admin
 * may (actorOf makes it one). The router admits them; `decide` refuses the rest by state, dealer
 * and approval step.
 */
export function callersOf(command: OrderCommandType): Access[] {
  const roles: Access[] = rolesIssuing(command);
  return roles.includes('admin') ? [...roles, CONSOLE] : roles;
}
