import { contracts } from '@shared/contracts';
import type { EnablementResourceDoc } from '@shared/enablement';
import { nextVersion } from '@shared/enablement';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { neverRefused } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

/**
 * Publish a resource, or change one (admin, console). The file is uploaded to cloud storage
 * first (wx.cloud.uploadFile, or the console's storage page), and named here by its fileID. A
 * new file, title or summary is a new version: readers see it as new and must-reads ask again.
 */
export const publishResource = defineAction(contracts.enablement.publishResource, ['admin', CONSOLE], async ({ id, ...input }, { db, caller, now }) =>
  neverRefused(
    await db.transaction(async (tx) => {
      const had = await tx.get('enablement_resources', id);
      const version = nextVersion(had, input);
      const doc: EnablementResourceDoc = {
        ...input,
        version,
        publishedAt: had?.publishedAt ?? now,
        updatedAt: had && had.version === version ? had.updatedAt : now,
        updatedBy: caller.actorId,
      };
      await tx.set('enablement_resources', id, doc);
      const before = had ? { version: had.version, status: had.status } : null;
      await audit(tx, {
        action: 'enablement.publishResource',
        target: { coll: 'enablement_resources', id },
        actorId: caller.actorId,
        at: now,
        before,
        after: { version, status: doc.status },
      });
      return { id, version, created: !had };
    }),
  ),
);
