import { useState } from 'react';
import Taro from '@tarojs/taro';
import { useCall } from '../../../services/useCall';
import { erpCall } from '../api';

/**
 * The ERP page's data: the latest reconciliation (erp.latestReport) and what needs an admin
 * (erp.issues), read together; `run` reconciles or syncs now and reads both again.
 */
export function useErp() {
  const { state, reload } = useCall(async () => {
    const [report, issues] = await Promise.all([erpCall('latestReport', {}), erpCall('issues', {})]);
    if (!report.ok) return report;
    if (!issues.ok) return issues;
    return { ok: true as const, data: { report: report.data.report, issues: issues.data } };
  });
  const [busy, setBusy] = useState<'reconcile' | 'sync' | null>(null);
  const run = async (what: 'reconcile' | 'sync') => {
    setBusy(what);
    const answer = what === 'reconcile' ? await erpCall('reconcile', {}) : await erpCall('syncNow', {});
    setBusy(null);
    const failed = !answer.ok ? answer.error.message : what === 'sync' && 'error' in answer.data && answer.data.error ? answer.data.error : null;
    void Taro.showToast({ title: failed ?? (what === 'sync' ? '已与金蝶同步' : '对账完成'), icon: 'none' });
    await reload(true);
  };
  return { state, reload, busy, run };
}
