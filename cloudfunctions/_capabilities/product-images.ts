import { log } from '../_kit/log';
import { sdk } from '../_kit/sdk';

/**
 * Product pictures are stored in cloud storage and a product keeps the file's cloud:// fileID;
 * what a page can load is a temporary https link. getTempFileURL takes at most 50 fileIDs a call
 * and its links last a day at most (default 86400 s):
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/getTempFileURL.html
 */
const PER_CALL = 50;
/** A catalog page is looked at for minutes; a day is the longest the platform grants. */
const MAX_AGE_S = 86400;

/**
 * The items with `image` turned into a loadable link. Values that are not cloud fileIDs pass
 * unchanged; a picture that cannot be resolved (missing file, storage down) becomes null, so
 * the page shows its placeholder instead of the catalog failing.
 */
export async function withImageUrls<T extends { image: string | null }>(items: readonly T[]): Promise<T[]> {
  return applyImageUrls(items, await imageUrls(items.map((i) => i.image)));
}

/**
 * Temporary links for the cloud fileIDs among `images` (one getTempFileURL call per 50, sent
 * together), by fileID; a failure leaves them out. Apart from applyImageUrls so a caller that
 * knows the pictures before the rest of its answer can ask beside its other reads: in CloudBase
 * the call is a network hop of its own.
 */
export async function imageUrls(images: ReadonlyArray<string | null | undefined>): Promise<Map<string, string>> {
  const ids = [...new Set(images.filter((v): v is string => typeof v === 'string' && v.startsWith('cloud://')))];
  const urls = new Map<string, string>();
  if (ids.length === 0) return urls;
  try {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += PER_CALL) chunks.push(ids.slice(i, i + PER_CALL));
    const answers = await Promise.all(chunks.map((chunk) => sdk().getTempFileURL({ fileList: chunk.map((fileID) => ({ fileID, maxAge: MAX_AGE_S })) })));
    for (const answer of answers) for (const f of answer.fileList) if (f.status === 0 && f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
  } catch (e) {
    log.warn('product images: getTempFileURL failed, showing placeholders', { error: e instanceof Error ? e.message : String(e) });
  }
  return urls;
}

/** The items with each cloud fileID replaced by its link in `urls`, or null when it has none (the placeholder shows). */
export function applyImageUrls<T extends { image: string | null }>(items: readonly T[], urls: ReadonlyMap<string, string>): T[] {
  return items.map((item) => (item.image?.startsWith('cloud://') ? { ...item, image: urls.get(item.image) ?? null } : item));
}
