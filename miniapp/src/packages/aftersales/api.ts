import Taro from '@tarojs/taro';
import type { InputOf } from '@shared/contract';
import { aftersales } from '@shared/contracts/aftersales';
import { callContract } from '../../services/cloud';
import { currentPersona } from '../../services/persona';

type Aftersales = typeof aftersales;

/** An aftersales-function call checked against its contract; the schemas load with this subpackage only. */
export function aftersalesCall<A extends keyof Aftersales & string>(action: A, input: InputOf<Aftersales[A]>) {
  return callContract('aftersales', action, aftersales[action], input);
}

export const detailUrl = (id: string) => `/packages/aftersales/detail/index?id=${encodeURIComponent(id)}`;

/** Query values arrive encoded on some platforms and decoded on others. */
export function decodeParam(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

/**
 * Pick a photo of the damaged goods and put it in cloud storage; the answer is its fileID, which
 * the request carries. In WeChat: wx.chooseImage, then wx.cloud.uploadFile
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/uploadFile/client.uploadFile.html).
 * The local H5 build posts the bytes to the local server's storage instead (as the licence upload does).
 */
export async function pickAndUploadPhoto(): Promise<{ fileId: string; preview: string }> {
  const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const filePath = picked.tempFilePaths[0];
  if (!filePath) throw new Error('未选择照片');
  const cloudPath = `returns/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.jpg`;
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
    return { fileId: res.fileID, preview: filePath };
  }
  const bytes = await (await fetch(filePath)).blob();
  const res = await fetch(`/__cloud/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-local-openid': currentPersona() },
    body: bytes,
  });
  const body = (await res.json()) as { fileID?: string };
  if (!res.ok || !body.fileID) throw new Error('上传失败，请重试');
  return { fileId: body.fileID, preview: filePath };
}

/** A client id for one request (idempotency: a double tap or a retry makes one request). */
export const newClientRequestId = () => `rr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`.padEnd(16, '0');
