import { useMemo } from 'react';
import { View } from '@tarojs/components';

/** The module matrix of a QR code (qrcode's pure-JS encoder; no canvas needed). */
interface QrCore {
  create(text: string, opts: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): { modules: { size: number; data: ArrayLike<number> } };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('qrcode/lib/core/qrcode') as QrCore;

/**
 * A QR code drawn with views (one row per module row, a dark cell per dark module), so it shows
 * the same on WeChat, H5 and in tests. Used for a coupon, which the clerk scans in store.
 */
export function QrGrid({ text, className }: { text: string; className?: string }) {
  const rows = useMemo(() => {
    const { size, data } = core.create(text, { errorCorrectionLevel: 'M' }).modules;
    return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => data[r * size + c] === 1));
  }, [text]);
  return (
    <View className={`qr-grid ${className ?? ''}`} data-text={text}>
      {rows.map((row, r) => (
        <View className="qr-row" key={r}>
          {row.map((dark, c) => (
            <View className={dark ? 'qr-cell qr-dark' : 'qr-cell'} key={c} />
          ))}
        </View>
      ))}
    </View>
  );
}
