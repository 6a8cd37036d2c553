import { createRouter } from '../../_kit/router';
import { markRead } from './actions/mark-read';
import { mustReadCount } from './actions/must-read-count';
import { mustReads } from './actions/must-reads';
import { publishResource } from './actions/publish-resource';
import { remindUnread } from './actions/remind-unread';
import { resources } from './actions/resources';
import { unreadReaders } from './actions/unread-readers';

/** enablement: the 赋能中心 — resources by permission, versions, must-reads, readings and reminders. */
export const main = createRouter('enablement', { publishResource, resources, markRead, mustReadCount, mustReads, unreadReaders, remindUnread });
