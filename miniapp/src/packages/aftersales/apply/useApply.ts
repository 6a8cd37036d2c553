import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { ReturnableView } from '@shared/contracts/aftersales';
import { err } from '@shared/envelope';
import { askConsent } from '../../../services/notifications';
import { knownMe, loadMe } from '../../../services/session';
import { useCall } from '../../../services/useCall';
import { aftersalesCall, decodeParam, detailUrl, newClientRequestId, pickAndUploadPhoto } from '../api';

export interface ApplyForm {
  qty: Record<string, number>;
  reason: string;
  photos: Array<{ fileId: string; preview: string }>;
}

/**
 * The 申请退货 page's state: what the order may still return (aftersales.returnable), the form
 * (quantities per SKU, reason, photos) and the submit, idempotent on one client id per visit.
 */
export function useApply() {
  const orderId = decodeParam(useRouter().params['orderId']);
  const { state, reload } = useCall<ReturnableView>(() =>
    orderId ? aftersalesCall('returnable', { orderId }) : Promise.resolve(err('INVALID_INPUT', '没有指定订单，请从订单详情进入')),
  );
  const [form, setForm] = useState<ApplyForm>({ qty: {}, reason: '', photos: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clientRequestId = useRef(newClientRequestId());
  // The consent dialog lists the templates users.me offers, and must open inside the tap: know them first.
  useEffect(() => {
    if (!knownMe()) void loadMe();
  }, []);

  const setQty = (sku: string, n: number) => setForm((f) => ({ ...f, qty: { ...f.qty, [sku]: n } }));
  const setReason = (reason: string) => setForm((f) => ({ ...f, reason }));
  const addPhoto = async () => {
    try {
      const p = await pickAndUploadPhoto();
      setForm((f) => ({ ...f, photos: [...f.photos, p].slice(0, 9) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : '上传失败，请重试');
    }
  };
  const removePhoto = (fileId: string) => setForm((f) => ({ ...f, photos: f.photos.filter((p) => p.fileId !== fileId) }));

  const submit = async () => {
    const lines = Object.entries(form.qty)
      .filter(([, n]) => n > 0)
      .map(([sku, qty]) => ({ sku, qty }));
    if (lines.length === 0) return setError('请至少选择一个要退的商品和数量');
    if (form.reason.trim().length < 2) return setError('请填写退货原因（至少 2 个字）');
    setBusy(true);
    setError(null);
    // In the tap, before any await: WeChat opens the consent dialog only from a tap.
    const consent = askConsent('request_return');
    const photos = form.photos.map((p) => p.fileId);
    await consent;
    const res = await aftersalesCall('request', { orderId, clientRequestId: clientRequestId.current, lines, reason: form.reason, photos });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    void Taro.redirectTo({ url: detailUrl(res.data.id) });
  };
  return { state, reload, form, setQty, setReason, addPhoto, removePhoto, submit, busy, error };
}
