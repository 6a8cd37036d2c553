import { useState } from 'react';
import Taro from '@tarojs/taro';
import { dealers } from '@shared/contracts/dealers';
import type { ApplicationView } from '@shared/contracts/dealers';
import type { NotificationTemplate } from '@shared/contracts/users';
import { ok } from '@shared/envelope';
import { askApplicantConsent } from '../../../services/notifications';
import { useCall } from '../../../services/useCall';
import { dealersCall } from '../api';
import type { Draft } from './draft';
import { clearDraft, draftOf, formOf, loadDraft, saveDraft } from './draft';

export type FieldErrors = Partial<Record<keyof Draft | 'annualSalesFen' | 'form', string>>;

/** The applicant's latest application and the form's choices, read together. */
async function load() {
  const [mine, options] = await Promise.all([dealersCall('myApplication', {}), dealersCall('applyOptions', {})]);
  if (!mine.ok) return mine;
  if (!options.ok) return options;
  return ok({ application: mine.data.application, options: options.data });
}

/** Issues under `form.<field>` (the contract's paths) by the draft's field. */
function errorsOf(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = (i.path.replace(/^form\./, '').split('.')[0] || 'form') as keyof FieldErrors;
    out[key] ??= i.message;
  }
  return out;
}

/**
 * 申请加盟's state: the saved application (its status, what was asked), the draft kept on the
 * phone, field errors, sending. The contract's schema runs before anything is sent (the
 * credit code's check character included), so a wrong code never leaves the phone.
 */
export function useApplication() {
  const { state, reload } = useCall(load);
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    saveDraft(next);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  const edit = (application: ApplicationView) => change(draftOf(application));

  const submit = async (application: ApplicationView | null, offered: readonly NotificationTemplate[] = []) => {
    // Within the tap, before anything is awaited, and only for a form that will be sent: ask to
    // be told the answer (the consent dialog opens only from a tap). Its answer is recorded on its own.
    const consent = dealers.apply.input.safeParse({ form: formOf(draft) }).success ? askApplicantConsent(offered) : Promise.resolve();
    setSending(true);
    const resend = application?.status === 'needs_info' ? { applicationId: application.id } : {};
    const answer = await dealersCall('apply', { form: formOf(draft), ...resend } as Parameters<typeof dealersCall<'apply'>>[1]);
    setSending(false);
    if (!answer.ok) {
      setErrors(errorsOf(answer.error.issues ?? [{ path: 'form', message: answer.error.message }]));
      void Taro.showToast({ title: answer.error.issues?.[0]?.message ?? answer.error.message, icon: 'none' });
      return;
    }
    clearDraft();
    setErrors({});
    await consent;
    void Taro.showToast({ title: '申请已提交', icon: 'success' });
    await reload(true);
  };

  return { state, reload, draft, errors, sending, change, edit, submit };
}
