import QRCode from 'qrcode';
import type { OpenApiReply } from './wire';
import { jsonReply } from './wire';

/** Characters wxacode.getUnlimited accepts in `scene` (its documentation's list), at most 32. */
export const SCENE_ALLOWED = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export interface WxacodeOptions {
  /** Base of the H5 app the code's URL opens (so a phone on the same network can scan it). */
  publicUrl: string;
  /** Pages of the app; with check_path (default true) an unknown page is refused like the real API. */
  knownPages?: readonly string[];
}

/**
 * wxacode.getUnlimited: refuses what the real API refuses (errcode and errmsg as documented),
 * otherwise answers a PNG. Real mini-program codes are only readable by WeChat; the local one
 * is a standard QR code of the H5 URL of page + scene, so any scanner (and the tests) can read it.
 */
export async function getUnlimited(data: Record<string, unknown>, opts: WxacodeOptions): Promise<OpenApiReply> {
  const scene = data['scene'];
  if (typeof scene !== 'string' || !SCENE_ALLOWED.test(scene)) {
    return jsonReply({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
  }
  const page = data['page'] === undefined ? '' : data['page'];
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) {
    return jsonReply({ errcode: 41030, errmsg: 'invalid page rid: local' });
  }
  const checkPath = data['check_path'] !== false;
  if (page && checkPath && opts.knownPages && !opts.knownPages.includes(page)) {
    return jsonReply({ errcode: 41030, errmsg: 'invalid page rid: local' });
  }
  const envVersion = data['env_version'] ?? 'release';
  if (!['release', 'trial', 'develop'].includes(String(envVersion))) {
    return jsonReply({ errcode: 40097, errmsg: 'invalid args rid: local' });
  }
  const width = data['width'] === undefined ? 430 : Number(data['width']);
  if (!Number.isFinite(width)) return jsonReply({ errcode: 40097, errmsg: 'invalid args rid: local' });
  const size = Math.min(1280, Math.max(280, Math.round(width)));
  const target = `${opts.publicUrl.replace(/\/$/, '')}/#/${page || 'pages/index/index'}?scene=${encodeURIComponent(scene)}`;
  // pngjs tries all five row filters on every row by default; its Paeth filter alone costs ~3 s a
  // code under jest's module sandbox (90 ms in plain Node). A QR code's rows repeat module by
  // module, so the Up filter alone compresses it well (≈10 KB at 430 px) at a fraction of the cost.
  const rendererOpts = { filterType: 2 } as QRCode.QRCodeToBufferOptions['rendererOpts'];
  const png = await QRCode.toBuffer(target, { type: 'png', width: size, margin: 2, errorCorrectionLevel: 'M', rendererOpts });
  return { contentType: 'image/png', body: png };
}
