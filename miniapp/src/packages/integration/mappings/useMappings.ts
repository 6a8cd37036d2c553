import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ErpMappingInput } from '@shared/contracts/erp';
import type { MappingKind } from '@shared/erp/types';
import { useCall } from '../../../services/useCall';
import { erpCall } from '../api';

/**
 * The ERP mappings page's data: the mappings of one kind (erp.mappings), and the one being added
 * or edited; `save` writes it through erp.setMappings (audited) and reads the list again.
 */
export function useMappings() {
  const [kind, setKind] = useState<MappingKind>('sku');
  const { state, reload } = useCall(() => erpCall('mappings', { kind }));
  // useCall reads once on mount; a change of kind reads again.
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) void reload();
    mounted.current = true;
  }, [kind, reload]);
  const [editing, setEditing] = useState<ErpMappingInput | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!editing) return;
    const item: ErpMappingInput = { ...editing, ourId: editing.ourId.trim(), erpNumber: editing.erpNumber.trim() };
    if (item.kind !== 'warehouse' || !item.stockOrg?.trim()) delete item.stockOrg;
    setBusy(true);
    const answer = await erpCall('setMappings', { items: [item] });
    setBusy(false);
    void Taro.showToast({ title: answer.ok ? '映射已保存' : answer.error.message, icon: 'none' });
    if (!answer.ok) return;
    setEditing(null);
    await reload(true);
  };
  return {
    kind,
    setKind: (k: MappingKind) => {
      setEditing(null);
      setKind(k);
    },
    state,
    reload,
    editing,
    edit: (patch: Partial<ErpMappingInput>) => setEditing({ ...(editing ?? { kind, ourId: '', erpNumber: '' }), ...patch }),
    cancel: () => setEditing(null),
    save,
    busy,
  };
}
