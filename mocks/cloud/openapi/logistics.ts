import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { OpenApiReply } from './wire';
import { jsonReply } from './wire';

/**
 * logistics.getPath (查询运单轨迹, cloud call `openapi.logistics.getPath`), locally: the documented
 * answer { openid, delivery_id, waybill_id, path_item_num, path_item_list: [{ action_time (s),
 * action_type, action_msg }] }.
 * https://developers.weixin.qq.com/miniprogram/en/dev/api-backend/open-api/express/by-business/logistics.getPath.html
 *
 * The timeline is deterministic in the carrier and waybill number: WeChat's side learns of a
 * waybill the first time it is asked about it (kept in the local cloud's SQLite file), and its
 * nodes then appear on a fixed schedule from that moment — picked up at once, in transit after 6 h
 * and 20 h, out for delivery after 30 h, signed for after 34 h — each only once the clock passed it.
 */
const SCHEDULE: ReadonlyArray<{ afterH: number; type: number; msg: (city: string) => string }> = [
  { afterH: 0, type: 100001, msg: (c) => `快递员已在【${c}】揽收` },
  { afterH: 6, type: 200001, msg: (c) => `快件已从【${c}转运中心】发出` },
  { afterH: 20, type: 200001, msg: () => '快件已到达【杭州转运中心】' },
  { afterH: 30, type: 300002, msg: () => '快件正在派送中，快递员：王师傅 13800000000' },
  { afterH: 34, type: 300003, msg: () => '已签收，签收人：本人' },
];
const CITIES = ['上海', '广州', '武汉', '成都', '北京'];
const CARRIERS = new Set(['SF', 'ZTO', 'YTO', 'YUNDA', 'STO', 'JD', 'DB', 'EMS']);

export function getPath(db: Database.Database, data: Record<string, unknown>, now: number): OpenApiReply {
  const deliveryId = data['delivery_id'];
  const waybillId = data['waybill_id'];
  if (typeof deliveryId !== 'string' || !CARRIERS.has(deliveryId)) return jsonReply({ errcode: 9300507, errmsg: 'delivery_id invalid' });
  if (typeof waybillId !== 'string' || waybillId.trim() === '') return jsonReply({ errcode: 47001, errmsg: 'data format error: waybill_id' });
  db.exec(
    'CREATE TABLE IF NOT EXISTS local_waybills (delivery_id TEXT NOT NULL, waybill_id TEXT NOT NULL, first_seen INTEGER NOT NULL, PRIMARY KEY (delivery_id, waybill_id))',
  );
  db.prepare('INSERT OR IGNORE INTO local_waybills (delivery_id, waybill_id, first_seen) VALUES (?, ?, ?)').run(deliveryId, waybillId, now);
  const first = db.prepare('SELECT first_seen FROM local_waybills WHERE delivery_id = ? AND waybill_id = ?').pluck().get(deliveryId, waybillId) as number;
  const city = CITIES[createHash('sha256').update(`${deliveryId}\n${waybillId}`).digest()[0]! % CITIES.length]!;
  const items = SCHEDULE.filter((s) => first + s.afterH * 3600_000 <= now).map((s) => ({
    action_time: Math.floor((first + s.afterH * 3600_000) / 1000),
    action_type: s.type,
    action_msg: s.msg(city),
  }));
  return jsonReply({
    errcode: 0,
    errmsg: 'ok',
    openid: typeof data['openid'] === 'string' ? data['openid'] : '',
    delivery_id: deliveryId,
    waybill_id: waybillId,
    path_item_num: items.length,
    path_item_list: items,
  });
}
