import { View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { MAPPING_KINDS, MAPPING_LABELS } from '@shared/erp/types';
import type { MappingKind } from '@shared/erp/types';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { Field } from '../components/Field';
import { useMappings } from './useMappings';
import './index.scss';

/** What Kingdee calls each side of a mapping: 物料编码, 客户编码, 仓库编码 (with its 库存组织). */
const ERP_NAMES: Record<MappingKind, string> = { sku: '物料编码', dealer: '客户编码', warehouse: '仓库编码' };
const OUR_NAMES: Record<MappingKind, string> = { sku: 'SKU', dealer: '经销商编号', warehouse: '仓库编号' };

/**
 * 金蝶映射 (admins): our SKUs, dealers and warehouses beside Kingdee's 物料编码, 客户编码 and 仓库编码 +
 * 库存组织 — the data the connector pushes and pulls by. 新增 / 修改 save through erp.setMappings (audited).
 */
export default function ErpMappingsPage() {
  const m = useMappings();
  const e = m.editing;
  return (
    <View className="page page-erp-mappings">
      <View className="mapping-kinds">
        {MAPPING_KINDS.map((k) => (
          <Button key={k} size="small" className={`mapping-kind-${k}`} type={m.kind === k ? 'primary' : 'default'} onClick={() => m.setKind(k)}>
            {MAPPING_LABELS[k]}
          </Button>
        ))}
      </View>
      {e ? (
        <View className="card admin-form mapping-form">
          <Field label={OUR_NAMES[e.kind]} name="our-id" value={e.ourId} placeholder={`本系统的${OUR_NAMES[e.kind]}`} onInput={(ourId) => m.edit({ ourId })} />
          <Field
            label={`金蝶${ERP_NAMES[e.kind]}`}
            name="erp-number"
            value={e.erpNumber}
            placeholder="如 1.01.0001"
            onInput={(erpNumber) => m.edit({ erpNumber })}
          />
          {e.kind === 'warehouse' ? (
            <Field label="金蝶库存组织编码" name="stock-org" value={e.stockOrg ?? ''} placeholder="如 100" onInput={(stockOrg) => m.edit({ stockOrg })} />
          ) : null}
          <View className="admin-actions">
            <Button size="small" onClick={m.cancel}>
              取消
            </Button>
            <Button size="small" type="primary" className="mapping-save" loading={m.busy} disabled={m.busy} onClick={() => void m.save()}>
              保存映射
            </Button>
          </View>
        </View>
      ) : (
        <View className="admin-actions">
          <Button size="small" type="primary" className="mapping-new" onClick={() => m.edit({ kind: m.kind })}>
            新增{MAPPING_LABELS[m.kind]}映射
          </Button>
        </View>
      )}
      {m.state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {m.state.status === 'error' ? <PageState status="error" message={m.state.error.message} onRetry={() => void m.reload()} /> : null}
      {m.state.status === 'ok' && m.state.data.items.length === 0 ? (
        <PageState
          status="empty"
          title={`还没有${MAPPING_LABELS[m.kind]}映射`}
          description="未映射的商品、经销商或仓库的订单不会推送到金蝶，请先填写金蝶编码。"
        />
      ) : null}
      {m.state.status === 'ok' && m.state.data.items.length > 0 ? (
        <Cell.Group className="mappings">
          {m.state.data.items.map((it) => (
            <Cell
              key={it.id}
              className="mapping"
              title={`${it.name ?? '（已不存在）'} ↔ ${ERP_NAMES[it.kind]} ${it.erpNumber}${it.stockOrg ? `（库存组织 ${it.stockOrg}）` : ''}`}
              description={`${formatShanghaiMinute(it.updatedAt)} 修改`}
              extra={
                <Button
                  size="small"
                  className="mapping-edit"
                  onClick={() => m.edit({ kind: it.kind, ourId: it.ourId, erpNumber: it.erpNumber, ...(it.stockOrg ? { stockOrg: it.stockOrg } : {}) })}
                >
                  修改
                </Button>
              }
            />
          ))}
        </Cell.Group>
      ) : null}
    </View>
  );
}
