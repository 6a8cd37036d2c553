import type { InputOf } from '@shared/contract';
import { aftersales } from '@shared/contracts/aftersales';
import { callContract } from '../../services/cloud';
import { pickAndUploadPhoto as pickAndUploadUnder } from '../../services/upload';

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

/** A photo of the damaged goods, which the return request carries by its fileID. */
export const pickAndUploadPhoto = () => pickAndUploadUnder('returns');

/** A client id for one request (idempotency: a double tap or a retry makes one request). */
export const newClientRequestId = () => `rr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`.padEnd(16, '0');
