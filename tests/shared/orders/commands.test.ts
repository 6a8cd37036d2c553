import {
  commandsFor,
  decide,
  mayIssue,
  ORDER_COMMAND_TYPES,
  ORDER_STATUSES,
  rolesIssuing,
  stepIsFor,
  TERMINAL_STATUSES,
  TRANSITIONS,
} from '../../../shared/orders';
import type { Actor, ActorRole, Order, OrderCommandType, OrderStatus } from '../../../shared/orders';
import { ACTORS, COMMANDS, DAY, deepFreeze, orderIn, T0 } from './fixtures';

/**
 * commandsFor(status, role): the commands an actor of a role may issue on an order in a state,
 * read from the transition table. The orders function admits callers and the order page shows
 * buttons by it, so it must be exactly what the table says and exactly what `decide` accepts.
 */
const ROLES: ActorRole[] = ['dealer', 'clerk', 'manager', 'admin', 'system'];

/** An actor of each role the order's facts favour: the owning dealer's people; the pending order waits on the manager's step. */
const ACTOR_OF: Record<ActorRole, Actor> = { dealer: ACTORS.dealer, clerk: ACTORS.clerk, manager: ACTORS.manager, admin: ACTORS.admin, system: ACTORS.system };
const ORDERS = Object.fromEntries(ORDER_STATUSES.map((s) => [s, deepFreeze(orderIn(s))])) as Record<OrderStatus, Order>;
/** Late enough for the system's automatic confirmation. */
const LATER = T0 + 30 * DAY;

const cells = ORDER_STATUSES.flatMap((status) => ROLES.map((role) => ({ status, role })));

describe('commandsFor: who may do what to an order, from the transition table', () => {
  test.each(cells)(
    'an actor of role $role may issue on a $status order exactly the commands the transition table lets that role issue from that state',
    ({ status, role }) => {
      const fromTable = (Object.keys(TRANSITIONS) as OrderCommandType[]).filter((c) => (TRANSITIONS[c].by[role] ?? []).includes(status));
      expect([...commandsFor(status, role)].sort()).toEqual(fromTable.sort());
      for (const command of ORDER_COMMAND_TYPES) expect(mayIssue(command, status, role)).toBe(fromTable.includes(command));
    },
  );

  test.each(cells)(
    'decide accepts from an actor of role $role on a $status order exactly commandsFor, and refuses every other command with FORBIDDEN or CONFLICT',
    ({ status, role }) => {
      const accepted = ORDER_COMMAND_TYPES.filter((c) => decide(ORDERS[status], COMMANDS[c], ACTOR_OF[role], LATER).ok);
      expect(accepted).toEqual(commandsFor(status, role));
      for (const command of ORDER_COMMAND_TYPES.filter((c) => !accepted.includes(c))) {
        const d = decide(ORDERS[status], COMMANDS[command], ACTOR_OF[role], LATER);
        // A role the table never lets issue the command: FORBIDDEN; one it does, from another state: CONFLICT.
        const never = ORDER_STATUSES.every((s) => !mayIssue(command, s, role));
        expect({ command, code: d.ok ? 'ok' : d.code }).toEqual({ command, code: never ? 'FORBIDDEN' : 'CONFLICT' });
      }
    },
  );

  test('some role may act on every state but the terminal ones, and a clerk on none', () => {
    const open = ORDER_STATUSES.filter((status) => ROLES.some((role) => commandsFor(status, role).length > 0));
    expect(open).toEqual(ORDER_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s)));
    for (const status of ORDER_STATUSES) expect(commandsFor(status, 'clerk')).toEqual([]);
  });

  test('a dealer may issue its commands only on its own dealer’s orders: another dealer is refused each of them with FORBIDDEN', () => {
    let checked = 0;
    for (const status of ORDER_STATUSES) {
      for (const command of commandsFor(status, 'dealer')) {
        expect(decide(ORDERS[status], COMMANDS[command], ACTORS.otherDealer, LATER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  test('rolesIssuing lists the people’s roles that may issue a command from some state, never the system', () => {
    for (const command of ORDER_COMMAND_TYPES) {
      const some = (['dealer', 'clerk', 'manager', 'admin'] as const).filter((r) => ORDER_STATUSES.some((s) => commandsFor(s, r).includes(command)));
      expect([...rolesIssuing(command)].sort()).toEqual([...some].sort());
    }
  });

  test('an approval step is decided by an approver of its role, or by a brand admin for any step; the table alone does not say whose step it is', () => {
    expect(stepIsFor('manager', 'manager')).toBe(true);
    expect(stepIsFor('manager', 'admin')).toBe(true);
    expect(stepIsFor('admin', 'manager')).toBe(false);
    // The admin's (finance) step of a two-step order: commandsFor lets the manager approve in this state, the step refuses it.
    const managerDone = decide(ORDERS.pending_approval, COMMANDS.approve_step, ACTORS.manager, LATER);
    if (!managerDone.ok) throw new Error(managerDone.message);
    expect(managerDone.next.status).toBe('pending_approval');
    expect(commandsFor('pending_approval', 'manager')).toContain('approve_step');
    expect(decide(managerDone.next, COMMANDS.approve_step, { role: 'manager', id: 'openid-manager-2' }, LATER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
