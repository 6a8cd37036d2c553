import type { CategoryDoc, ProductDoc, StockDoc, WarehouseDoc } from '../../shared/models';
import type { RegionCode } from '../../shared/dealer';
import type { Rng } from './rng';

/**
 * The catalog of the demo brand 青禾饮品 (a fictional beverage maker): categories, about 300
 * SKUs, two warehouses and their stock. A base unit (件) is one bottle, can or gift box; a 箱
 * holds 6, 12 or 24 of them. Prices are the brand's list price per 件 in fen.
 */
export const BRAND = '青禾饮品';

export type WithId<T> = T & { _id: string };

/** When a product line sells best: drives both the order mix over the year and nothing else. */
export type Season = 'summer' | 'winter' | 'all';

interface SpecDef {
  /** Volume of one 件, e.g. 500ml. */
  vol: string;
  /** What one 件 is, e.g. 瓶, 罐, 盒. */
  piece: string;
  /** 件 per 箱. */
  factor: 6 | 12 | 24;
  /** List price per 件, fen. */
  price: number;
  /** Minimum order in 箱 (default 1). */
  moqBoxes?: number;
}

interface LineDef {
  category: string;
  series: string;
  flavors: string[];
  specs: SpecDef[];
  season: Season;
  levels?: string[];
  regions?: RegionCode[];
  /** Flavours (by name) that only some regions may see. */
  regionalFlavors?: { flavors: string[]; regions: RegionCode[] };
}

export interface CategoryDef {
  id: string;
  name: string;
  children: Array<{ id: string; name: string }>;
}

export const CATEGORY_TREE: CategoryDef[] = [
  {
    id: 'cat-01',
    name: '包装饮用水',
    children: [
      { id: 'cat-0101', name: '天然矿泉水' },
      { id: 'cat-0102', name: '苏打气泡水' },
    ],
  },
  {
    id: 'cat-02',
    name: '茶饮料',
    children: [
      { id: 'cat-0201', name: '无糖纯茶' },
      { id: 'cat-0202', name: '果味茶' },
      { id: 'cat-0203', name: '凉茶' },
    ],
  },
  {
    id: 'cat-03',
    name: '果蔬汁',
    children: [
      { id: 'cat-0301', name: 'NFC果汁' },
      { id: 'cat-0302', name: '果汁及传统饮品' },
    ],
  },
  {
    id: 'cat-04',
    name: '碳酸及功能饮料',
    children: [
      { id: 'cat-0401', name: '汽水' },
      { id: 'cat-0402', name: '运动功能饮料' },
    ],
  },
  {
    id: 'cat-05',
    name: '植物蛋白及乳饮料',
    children: [
      { id: 'cat-0501', name: '植物蛋白饮料' },
      { id: 'cat-0502', name: '乳酸菌饮品' },
    ],
  },
];

const s = (vol: string, piece: string, factor: 6 | 12 | 24, price: number, moqBoxes?: number): SpecDef =>
  moqBoxes === undefined ? { vol, piece, factor, price } : { vol, piece, factor, price, moqBoxes };

const LINES: LineDef[] = [
  // 包装饮用水: low price per bottle, bought by the pallet; minimums of several 箱.
  {
    category: 'cat-0101',
    series: '青禾天然矿泉水',
    flavors: [''],
    season: 'summer',
    specs: [s('350ml', '瓶', 24, 90, 5), s('380ml', '瓶', 24, 95, 5), s('550ml', '瓶', 24, 115, 10), s('1.5L', '瓶', 12, 250, 5), s('4L', '桶', 6, 520, 5)],
  },
  {
    category: 'cat-0101',
    series: '青禾长白山天然矿泉水',
    flavors: [''],
    season: 'summer',
    specs: [s('350ml', '瓶', 24, 130, 5), s('380ml', '瓶', 24, 135, 5), s('550ml', '瓶', 24, 160, 5), s('1.5L', '瓶', 12, 330, 3), s('4L', '桶', 6, 690, 3)],
  },
  {
    category: 'cat-0101',
    series: '青禾峨眉山天然矿泉水',
    flavors: [''],
    season: 'summer',
    regions: ['west'],
    specs: [s('350ml', '瓶', 24, 120, 5), s('550ml', '瓶', 24, 150, 5), s('1.5L', '瓶', 12, 310, 3), s('4L', '桶', 6, 650, 3)],
  },
  { category: 'cat-0101', series: '青禾低钠淡矿泉水', flavors: [''], season: 'all', specs: [s('550ml', '瓶', 24, 170), s('1.5L', '瓶', 12, 360)] },
  {
    category: 'cat-0101',
    series: '青禾玻璃瓶高端矿泉水',
    flavors: [''],
    season: 'all',
    levels: ['A'],
    specs: [s('330ml', '玻璃瓶', 24, 680), s('750ml', '玻璃瓶', 12, 1280)],
  },
  { category: 'cat-0101', series: '青禾婴幼儿饮用水', flavors: [''], season: 'all', specs: [s('1L', '瓶', 12, 520), s('4L', '桶', 6, 1380)] },
  {
    category: 'cat-0102',
    series: '青禾苏打水',
    flavors: ['原味', '柠檬味', '白桃味', '青柠味', '西柚味', '海盐荔枝味'],
    season: 'summer',
    specs: [s('330ml', '罐', 24, 260), s('480ml', '瓶', 24, 300)],
  },
  {
    category: 'cat-0102',
    series: '青禾0糖气泡水',
    flavors: ['白桃', '青瓜', '卡曼橘', '乳酸菌', '夏黑葡萄', '荔枝', '柚子', '蜜瓜'],
    season: 'summer',
    specs: [s('330ml', '罐', 24, 330), s('480ml', '瓶', 24, 380)],
  },
  // 茶饮料
  {
    category: 'cat-0201',
    series: '青禾无糖茶',
    flavors: ['茉莉花茶', '乌龙茶', '绿茶', '大红袍', '普洱茶', '铁观音', '白桃乌龙', '玄米茶', '碧螺春', '龙井'],
    season: 'all',
    specs: [s('330ml', '瓶', 24, 280), s('500ml', '瓶', 24, 350), s('900ml', '瓶', 12, 560), s('1.5L', '瓶', 6, 820)],
  },
  {
    category: 'cat-0202',
    series: '青禾果茶',
    flavors: ['蜜桃乌龙', '柠檬红茶', '茉莉蜜茶', '青柠绿茶', '荔枝红茶', '百香果绿茶', '葡萄乌龙', '芒果茉莉', '蜂蜜柚子茶', '白桃红茶'],
    season: 'summer',
    specs: [s('330ml', '瓶', 24, 250), s('500ml', '瓶', 24, 320), s('1L', '瓶', 12, 560)],
  },
  {
    category: 'cat-0202',
    series: '青禾冰茶',
    flavors: ['冰红茶', '冰绿茶', '柠檬冰茶'],
    season: 'summer',
    specs: [s('250ml', '利乐包', 24, 160), s('500ml', '瓶', 24, 260), s('1L', '瓶', 12, 450)],
  },
  {
    category: 'cat-0203',
    series: '青禾凉茶',
    flavors: ['经典', '无糖', '菊花', '罗汉果', '夏桑菊', '金银花'],
    season: 'summer',
    regionalFlavors: { flavors: ['夏桑菊', '金银花'], regions: ['south'] },
    specs: [s('250ml', '利乐包', 24, 190), s('310ml', '罐', 24, 280), s('500ml', '瓶', 24, 330)],
  },
  // 果蔬汁
  {
    category: 'cat-0301',
    series: '青禾NFC',
    flavors: ['橙汁', '苹果汁', '葡萄汁', '芒果汁', '椰子水', '番石榴汁', '西柚汁', '桃汁', '复合果蔬汁', '蓝莓复合果汁'],
    season: 'winter',
    specs: [s('300ml', '瓶', 12, 780), s('1L', '瓶', 6, 1980)],
  },
  { category: 'cat-0301', series: '青禾NFC果汁礼盒', flavors: ['缤纷混合', '橙汁', '椰子水'], season: 'winter', specs: [s('300ml×8瓶', '盒', 6, 7280)] },
  { category: 'cat-0301', series: '青禾臻选果汁礼盒', flavors: ['金标', '银标'], season: 'winter', levels: ['A'], specs: [s('300ml×12瓶', '盒', 6, 13800)] },
  {
    category: 'cat-0302',
    series: '青禾果粒多',
    flavors: ['橙', '葡萄', '芒果', '桃', '荔枝', '菠萝'],
    season: 'all',
    specs: [s('450ml', '瓶', 24, 300), s('1.25L', '瓶', 12, 620)],
  },
  {
    category: 'cat-0302',
    series: '青禾传统饮品',
    flavors: ['酸梅汤', '山楂汁', '椰汁', '雪梨汁', '苹果醋', '玉米汁'],
    season: 'winter',
    specs: [s('245ml', '罐', 24, 240), s('350ml', '瓶', 24, 290), s('1.25L', '瓶', 12, 650)],
  },
  // 碳酸及功能饮料
  {
    category: 'cat-0401',
    series: '青禾汽水',
    flavors: ['橙味', '柠檬味', '荔枝味', '白桃味', '葡萄味', '菠萝味', '盐汽水', '可乐味'],
    season: 'summer',
    specs: [s('330ml', '罐', 24, 220), s('500ml', '瓶', 24, 260), s('1.25L', '瓶', 12, 480), s('2L', '瓶', 6, 650)],
  },
  { category: 'cat-0401', series: '青禾怀旧玻璃瓶汽水', flavors: ['橙味', '荔枝味', '山楂味'], season: 'summer', specs: [s('248ml', '玻璃瓶', 24, 300)] },
  {
    category: 'cat-0402',
    series: '青禾电解质水',
    flavors: ['青柠', '西柚', '白桃', '荔枝', '柠檬'],
    season: 'summer',
    specs: [s('350ml', '瓶', 24, 320), s('600ml', '瓶', 24, 420), s('1L', '瓶', 12, 620)],
  },
  {
    category: 'cat-0402',
    series: '青禾运动饮料',
    flavors: ['柠檬', '橙', '蓝莓', '西柚'],
    season: 'summer',
    specs: [s('600ml', '瓶', 24, 380), s('1.25L', '瓶', 12, 650)],
  },
  {
    category: 'cat-0402',
    series: '青禾能量饮料',
    flavors: ['经典', '牛磺酸强化', '无糖'],
    season: 'all',
    specs: [s('250ml', '罐', 24, 450), s('500ml', '瓶', 24, 580)],
  },
  { category: 'cat-0402', series: '青禾维生素水', flavors: ['柠檬', '蓝莓', '葡萄', '西柚', '百香果'], season: 'summer', specs: [s('500ml', '瓶', 24, 420)] },
  // 植物蛋白及乳饮料: gifts before 春节.
  {
    category: 'cat-0501',
    series: '青禾植物蛋白',
    flavors: ['核桃露', '杏仁露', '椰奶', '燕麦奶', '豆奶'],
    season: 'winter',
    specs: [s('240ml', '罐', 24, 330), s('1L', '瓶', 12, 980), s('240ml×20罐', '礼盒', 6, 6800)],
  },
  {
    category: 'cat-0502',
    series: '青禾乳酸菌',
    flavors: ['原味', '草莓', '百香果', '蓝莓', '低糖'],
    season: 'all',
    specs: [s('340ml', '瓶', 24, 420), s('1.25L', '瓶', 12, 1150)],
  },
];

/** A product with what the history generator needs to know about it beyond the stored doc. */
export interface CatalogItem {
  doc: WithId<ProductDoc>;
  season: Season;
  /** The top-level category, for the regional mix. */
  topCategory: string;
  /** How well it sells relative to its siblings (median 1). */
  popularity: number;
}

export function buildCategories(): Array<WithId<CategoryDoc>> {
  const out: Array<WithId<CategoryDoc>> = [];
  CATEGORY_TREE.forEach((top, i) => {
    out.push({ _id: top.id, name: top.name, parentId: null, sort: (i + 1) * 10 });
    top.children.forEach((child, j) => out.push({ _id: child.id, name: child.name, parentId: top.id, sort: (j + 1) * 10 }));
  });
  return out;
}

function topOf(categoryId: string): string {
  return categoryId.slice(0, 'cat-01'.length);
}

/** Round to whole 10 fen (list prices end in 角, like real price lists). */
const toJiao = (fen: number) => Math.max(10, Math.round(fen / 10) * 10);

export function buildProducts(rng: Rng): CatalogItem[] {
  const items: CatalogItem[] = [];
  for (const line of LINES) {
    for (const flavor of line.flavors) {
      // One flavour costs the same in every size's relative terms; some flavours carry a premium.
      const premium = rng.pick([0, 0, 0, 10, 20, -10]);
      for (const spec of line.specs) {
        const n = items.length + 1;
        const id = `sku-${String(n).padStart(4, '0')}`;
        const factor = spec.factor;
        const giftBox = spec.piece === '盒' || spec.piece === '礼盒';
        const name = [line.series, flavor, spec.vol, giftBox && !line.series.includes('礼盒') ? '礼盒装' : ''].filter(Boolean).join(' ');
        // Gift boxes sell loose (any number of 盒, at least 2); most others in whole 箱,
        // a quarter of the 12/24-packs also in half 箱.
        const multiple = giftBox ? 1 : factor >= 12 && rng.chance(0.25) ? factor / 2 : factor;
        const moq = giftBox ? 2 : factor * (spec.moqBoxes ?? 1);
        const regional = line.regionalFlavors?.flavors.includes(flavor) ? line.regionalFlavors.regions : undefined;
        const listPrice = giftBox ? spec.price + premium * 10 : toJiao(spec.price + (premium * spec.price) / 300);
        items.push({
          doc: {
            _id: id,
            sku: id,
            name,
            categoryId: line.category,
            spec: giftBox ? `${spec.vol}/${spec.piece}，${factor}${spec.piece}/箱` : `${spec.vol}×${factor}${spec.piece}/箱`,
            listPrice,
            baseUnit: '件',
            packUnits: [
              { name: '件', factor: 1 },
              { name: '箱', factor },
            ],
            moq,
            multiple,
            status: 'on_sale',
            visibility: { levels: [...(line.levels ?? [])], regions: [...(regional ?? line.regions ?? [])], dealerIds: [] },
            image: null,
          },
          season: line.season,
          topCategory: topOf(line.category),
          popularity: rng.logNormal(1, 0.55),
        });
      }
    }
  }
  return items;
}

/**
 * What each SKU's picture shows (mocks/seed/images.ts): its category, flavour and what one 件 is.
 * SKUs are numbered in the order buildProducts makes them, which no random draw changes.
 */
export function productLooks(): Map<string, { categoryId: string; flavor: string; piece: string }> {
  const looks = new Map<string, { categoryId: string; flavor: string; piece: string }>();
  for (const line of LINES) {
    for (const flavor of line.flavors) {
      for (const spec of line.specs) looks.set(`sku-${String(looks.size + 1).padStart(4, '0')}`, { categoryId: line.category, flavor, piece: spec.piece });
    }
  }
  return looks;
}

/** Take a few products off sale (delisted during the year; history before that still has them). */
export function delist(rng: Rng, items: CatalogItem[], count: number, keep: ReadonlySet<string>): string[] {
  const candidates = items.filter((it) => it.doc.visibility.levels.length === 0 && it.doc.visibility.regions.length === 0 && !keep.has(it.doc._id));
  const chosen = rng.sample(candidates, count);
  for (const it of chosen) it.doc.status = 'off_sale';
  return chosen.map((it) => it.doc._id).sort();
}

export const WAREHOUSES: Array<WithId<WarehouseDoc>> = [
  { _id: 'wh-east', name: '华东仓', city: '杭州', regions: ['east', 'north', 'central'] },
  { _id: 'wh-south', name: '华南仓', city: '广州', regions: ['south', 'west'] },
];

export function warehouseFor(region: string): string {
  return WAREHOUSES.find((w) => w.regions.includes(region))?._id ?? 'wh-east';
}

export interface StockPlan {
  docs: Array<WithId<StockDoc>>;
  /** SKUs with no stock in any warehouse. */
  outEverywhere: string[];
  /** SKUs out of stock in one warehouse only: [sku, warehouseId]. */
  outInOne: Array<[string, string]>;
}

/**
 * Stock on hand per SKU and warehouse, in base units and whole 箱. A warehouse holds nothing
 * of a SKU none of its regions may buy; a few SKUs are sold out everywhere or in one place.
 */
export function buildStock(rng: Rng, items: CatalogItem[], keepInStock: ReadonlySet<string>): StockPlan {
  const onSale = items.filter((it) => it.doc.status === 'on_sale' && !keepInStock.has(it.doc._id) && it.doc.visibility.regions.length === 0);
  const picked = rng.sample(onSale, 10);
  const outEverywhere = picked.slice(0, 4).map((it) => it.doc._id);
  const outInOne: Array<[string, string]> = picked.slice(4).map((it, i) => [it.doc._id, i % 2 === 0 ? 'wh-east' : 'wh-south']);
  const docs: Array<WithId<StockDoc>> = [];
  for (const it of items) {
    for (const wh of WAREHOUSES) {
      const regions = it.doc.visibility.regions;
      const serves = regions.length === 0 || regions.some((r) => wh.regions.includes(r));
      let boxes = 0;
      if (serves && !outEverywhere.includes(it.doc._id) && !outInOne.some(([sku, w]) => sku === it.doc._id && w === wh._id)) {
        const scale = wh._id === 'wh-east' ? 420 : 260;
        boxes = it.doc.status === 'off_sale' ? rng.int(0, 6) : Math.max(2, Math.round(rng.logNormal(scale * it.popularity, 0.5)));
      }
      const factor = it.doc.packUnits[1]?.factor ?? 1;
      docs.push({ _id: `stock-${wh._id}-${it.doc.sku}`, sku: it.doc.sku, warehouseId: wh._id, onHand: boxes * factor, reserved: 0 });
    }
  }
  return { docs, outEverywhere: outEverywhere.sort(), outInOne };
}
