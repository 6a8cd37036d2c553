import Taro from '@tarojs/taro';
import type { ApplicationForm } from '@shared/admission/stored';

/** The form as typed: numbers stay text until sent, the sales in 万元 as people say them. */
export interface Draft {
  company: string;
  creditCode: string;
  legalRep: string;
  contactName: string;
  mobile: string;
  province: { code: string; name: string } | null;
  city: { code: string; name: string } | null;
  district: { code: string; name: string } | null;
  categoryIds: string[];
  stores: string;
  salesWan: string;
  desiredLevel: string;
  licenceFileId: string | null;
}

export const EMPTY_DRAFT: Draft = {
  company: '',
  creditCode: '',
  legalRep: '',
  contactName: '',
  mobile: '',
  province: null,
  city: null,
  district: null,
  categoryIds: [],
  stores: '',
  salesWan: '',
  desiredLevel: 'B',
  licenceFileId: null,
};

/** Where the draft waits on the phone between visits (wx.setStorageSync), until it is sent. */
const KEY = 'account.apply.draft';

export function loadDraft(): Draft {
  try {
    const stored: unknown = Taro.getStorageSync(KEY);
    return stored && typeof stored === 'object' ? { ...EMPTY_DRAFT, ...(stored as Partial<Draft>) } : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    Taro.setStorageSync(KEY, draft);
  } catch {
    // A full storage loses the draft, not the form on screen.
  }
}

export function clearDraft(): void {
  Taro.removeStorageSync(KEY);
}

/** The draft as the contract wants it; the contract's schema then checks it before anything is sent. */
export function formOf(d: Draft): Record<keyof ApplicationForm, unknown> {
  return {
    company: d.company,
    creditCode: d.creditCode,
    legalRep: d.legalRep,
    contactName: d.contactName,
    mobile: d.mobile,
    province: d.province,
    city: d.city,
    district: d.district,
    categoryIds: d.categoryIds,
    stores: d.stores === '' ? NaN : Number(d.stores),
    annualSalesFen: d.salesWan === '' ? NaN : Math.round(Number(d.salesWan) * 1_000_000),
    desiredLevel: d.desiredLevel,
    licenceFileId: d.licenceFileId,
  };
}

/** An application sent before, back into the form for a resend. */
export function draftOf(f: ApplicationForm): Draft {
  return { ...f, stores: String(f.stores), salesWan: String(f.annualSalesFen / 1_000_000) };
}
