import { useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import type { InvitationView } from '@shared/contracts/dealers';

/** The module matrix of a QR code (qrcode's pure-JS encoder, as the campaign codes use; no canvas needed). */
interface QrCore {
  create(text: string, opts: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): { modules: { size: number; data: ArrayLike<number> } };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('qrcode/lib/core/qrcode') as QrCore;

const STAFF_LABELS = { owner: '负责人', buyer: '采购', clerk: '导购' } as const;

/**
 * An invitation to show the invitee: its code in large letters and a QR of the page that opens it
 * (scanned with WeChat, it opens 接受邀请 with the code filled in), drawn with views so it shows
 * the same on WeChat, H5 and in tests.
 */
export function InviteQr({ invitation: inv }: { invitation: InvitationView }) {
  const rows = useMemo(() => {
    const { size, data } = core.create(`/${inv.path}`, { errorCorrectionLevel: 'M' }).modules;
    return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => data[r * size + c] === 1));
  }, [inv.path]);
  return (
    <View className="invite-qr">
      <Text className="muted">
        邀请「{inv.name}」成为 {inv.dealerName} 的{STAFF_LABELS[inv.staffRole]}
      </Text>
      <Text className="invite-qr-code">{inv.code}</Text>
      <View className="qr-grid" data-text={inv.path}>
        {rows.map((row, r) => (
          <View className="qr-row" key={r}>
            {row.map((dark, c) => (
              <View className={dark ? 'qr-cell qr-dark' : 'qr-cell'} key={c} />
            ))}
          </View>
        ))}
      </View>
      <Text className="muted">有效期至 {new Date(inv.expiresAt).toLocaleDateString('zh-CN')}；用微信扫码或在“我的 › 我有邀请码”输入。</Text>
    </View>
  );
}
