import { DAY_MS } from '../time';
import { matchesDealer } from '../targeting';
import type { ResourceItem } from '../contracts/enablement';
import type { EnablementResourceDoc, ReaderRole } from './types';

/** A resource counts as new for this long after it was published or changed, until read. */
export const NEW_FOR_MS = 14 * DAY_MS;

/** Who is reading: their role and, on the dealer side, their dealer's level and region. Managers read by their regions. */
export interface Reader {
  role: string;
  dealer: { id: string; level: string; region: string } | null;
  regions: readonly string[];
}

/**
 * Whether a reader may see a resource: published, for their role, and — on the dealer side —
 * for their dealer by level, region and id (shared/targeting's one rule). A manager sees a
 * resource aimed at any of their regions (or at every region).
 */
export function maySee(r: Pick<EnablementResourceDoc, 'status' | 'roles' | 'target'>, reader: Reader): boolean {
  if (r.status !== 'published' || !r.roles.includes(reader.role as ReaderRole)) return false;
  if (reader.dealer) return matchesDealer(r.target, reader.dealer);
  return reader.role === 'manager' && (r.target.regions.length === 0 || r.target.regions.some((g) => reader.regions.includes(g)));
}

/** The id of a reading: one per user per version, so opening a resource twice records it once. */
export const readId = (resourceId: string, version: number, userId: string): string => `${resourceId}:${version}:${userId}`;

/** What changed in a republish makes a new version: the file, the title or the summary (a reader sees those). */
export function nextVersion(
  had: Pick<EnablementResourceDoc, 'fileId' | 'title' | 'summary' | 'version'> | null,
  next: Pick<EnablementResourceDoc, 'fileId' | 'title' | 'summary'>,
): number {
  if (!had) return 1;
  return had.fileId === next.fileId && had.title === next.title && had.summary === next.summary ? had.version : had.version + 1;
}

/** A resource as the reader's list shows it. */
export function itemOf(id: string, r: EnablementResourceDoc, read: boolean, now: number): ResourceItem {
  return {
    id,
    title: r.title,
    summary: r.summary,
    kind: r.kind,
    fileId: r.fileId,
    fileType: r.fileType,
    version: r.version,
    updatedAt: r.updatedAt,
    mustReadBy: r.mustReadBy,
    read,
    isNew: !read && now - r.updatedAt < NEW_FOR_MS,
    overdue: !read && r.mustReadBy !== null && now > r.mustReadBy,
  };
}
