/**
 * The function tests run with the local cloud's index check on (mocks/cloud/db/index-check.ts):
 * a query on a collection of DEFAULT_THRESHOLD documents or more that no index in
 * shared/indexes.ts serves is refused. A refusal a handler turned into INTERNAL still fails the
 * file here, with the message that names the index to declare.
 */
import { DEFAULT_THRESHOLD, refusals } from '../../mocks/cloud/db/index-check';

process.env['LOCAL_CLOUD_INDEX_CHECK'] ??= String(DEFAULT_THRESHOLD);

afterAll(() => {
  const found = refusals.splice(0);
  if (found.length > 0)
    throw new Error(
      `${found.length} quer${found.length === 1 ? 'y' : 'ies'} no declared index serves:\n${[...new Set(found.map((e) => e.message))].join('\n')}`,
    );
});
