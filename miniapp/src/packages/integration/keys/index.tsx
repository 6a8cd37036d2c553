import { View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import type { PartnerKeyView } from '@shared/contracts/openapi';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { ReasonPanel } from '../../../components/ReasonPanel';
import { Choices } from '../components/Choices';
import { Field } from '../components/Field';
import { SecretOnce } from '../components/SecretOnce';
import { SCOPE_LABELS } from '../labels';
import { usePartnerKeys } from './usePartnerKeys';
import './index.scss';

function describe(k: PartnerKeyView): string {
  const scopes = k.scopes.map((s) => SCOPE_LABELS[s]).join('、');
  const when = k.status === 'revoked' && k.revokedAt ? `已吊销 ${formatShanghaiMinute(k.revokedAt)}` : `创建于 ${formatShanghaiMinute(k.createdAt)}`;
  return `${k.keyId} · ${when} · 每分钟 ${k.ratePerMinute} 次 · ${scopes}`;
}

/**
 * 开放接口密钥 (admins): the partner systems' credentials for the open API (docs/openapi.md).
 * 新建密钥 asks for the partner, a purpose and the scopes, and shows the secret once; 吊销 stops a
 * key at its next request.
 */
export default function PartnerKeysPage() {
  const k = usePartnerKeys();
  const form = k.form;
  return (
    <View className="page page-partner-keys">
      {k.created ? <SecretOnce title={`新密钥 ${k.created.keyId}`} secret={k.created.secret} onDone={k.forgetSecret} /> : null}
      {form ? (
        <View className="card admin-form key-form">
          <Field
            label="合作方标识"
            name="partner"
            value={form.partner}
            placeholder="如 kingdee-erp（小写字母、数字、- 或 _）"
            onInput={(partner) => k.edit({ partner })}
          />
          <Field label="用途" name="name" value={form.name} placeholder="如 金蝶出库与回款回传" onInput={(name) => k.edit({ name })} />
          <Choices label="权限范围" options={SCOPE_LABELS} chosen={form.scopes} onChange={(scopes) => k.edit({ scopes })} />
          <View className="admin-actions">
            <Button size="small" onClick={k.closeForm}>
              取消
            </Button>
            <Button size="small" type="primary" className="key-create" loading={k.busy === 'create'} disabled={k.busy !== null} onClick={() => void k.create()}>
              创建并显示密钥
            </Button>
          </View>
        </View>
      ) : (
        <View className="admin-actions">
          <Button size="small" type="primary" className="key-new" onClick={() => k.edit({})}>
            新建密钥
          </Button>
        </View>
      )}
      {k.revoking ? (
        <ReasonPanel
          title={`吊销密钥 ${k.revoking}`}
          placeholder="吊销原因，如 合作结束、密钥可能泄露"
          submitText="确认吊销"
          busy={k.busy !== null}
          onClose={() => k.setRevoking(null)}
          onSubmit={k.revoke}
        />
      ) : null}
      {k.state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {k.state.status === 'error' ? <PageState status="error" message={k.state.error.message} onRetry={() => void k.reload()} /> : null}
      {k.state.status === 'ok' && k.state.data.items.length === 0 ? (
        <PageState status="empty" title="还没有合作方密钥" description="ERP、WMS 等合作方系统用密钥签名调用开放接口；点「新建密钥」为它们开通。" />
      ) : null}
      {k.state.status === 'ok' && k.state.data.items.length > 0 ? (
        <Cell.Group className="partner-keys">
          {k.state.data.items.map((key) => (
            <Cell
              key={key.keyId}
              className={`partner-key partner-key-${key.status}`}
              title={`${key.partner} · ${key.name}`}
              description={describe(key)}
              extra={
                key.status === 'active' ? (
                  <Button size="small" className="partner-key-revoke" disabled={k.busy !== null} onClick={() => k.setRevoking(key.keyId)}>
                    吊销
                  </Button>
                ) : null
              }
            />
          ))}
        </Cell.Group>
      ) : null}
    </View>
  );
}
