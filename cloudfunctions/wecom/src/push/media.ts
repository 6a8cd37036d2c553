import http from 'node:http';
import https from 'node:https';
import { sdk } from '../../../_kit/sdk';
import type { WecomApi } from '../api';
import { uploadImage } from '../push-api';

/**
 * The card's cover when the task has no image: WeCom requires one (miniprogram.pic_media_id;
 * it shows 520 × 416). A 52 × 42 brand-blue PNG (the same 5:4), scaled by WeChat: plain, never broken.
 */
const DEFAULT_COVER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADQAAAAqCAIAAABzxu9XAAAAOElEQVR42u3OAQkAAAgDsBcxk/WNYw3BwQIs1XNW5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTkPuYW7HrMt3PKo74AAAAASUVORK5CYII=',
  'base64',
);

function download(url: string): Promise<Buffer> {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    lib
      .get(url, { timeout: 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`image ${url}: HTTP ${res.statusCode ?? '?'}`))));
      })
      .on('error', reject);
  });
}

/** The bytes of images in cloud storage (a temporary URL, then one GET each). */
async function fetchImages(fileIds: readonly string[]): Promise<Buffer[]> {
  if (fileIds.length === 0) return [];
  const urls = await sdk().getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: 600 })) });
  return Promise.all(urls.fileList.map((f) => download(f.tempFileURL)));
}

/** Upload the task's images (and, for a card, its cover) to WeCom: media ids live 3 days, so this runs when each clerk's task is created. */
export async function uploadTaskMedia(
  api: WecomApi,
  base: string,
  images: readonly string[],
  forMoment: boolean,
  withCover: boolean,
): Promise<{ images: string[]; cover: string | null }> {
  const bytes = await fetchImages(images);
  const ids: string[] = [];
  for (let i = 0; i < bytes.length; i++) ids.push(await uploadImage(api, base, bytes[i]!, `image-${i + 1}.png`, forMoment));
  const cover = withCover ? (ids[0] ?? (await uploadImage(api, base, DEFAULT_COVER, 'cover.png', false))) : null;
  return { images: ids, cover };
}
