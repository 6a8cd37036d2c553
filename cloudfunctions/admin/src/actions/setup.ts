import { COLLECTIONS } from '@shared/collections';
import { contracts } from '@shared/contracts';
import type { SetupOutput } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { sdk } from '../../../_kit/sdk';

/** The permission every collection and the storage need: only cloud functions read and write. */
export const SERVER_ONLY =
  '在云开发控制台把每个集合的数据权限设为「所有用户不可读写」（或自定义安全规则 {"read": false, "write": false}），云存储的权限同样设为「所有用户不可读写」。云函数读不到权限设置，无法代为确认，请逐一核对 unconfirmed 中的集合；clientWritten 中的集合已有客户端写入的记录（带 _openid），请核对后删除这些记录。';

/**
 * First deployment: create every collection the functions use (existing ones are left alone),
 * and report the permissions it cannot confirm. Roles are read from `users`: a collection a client
 * may write to would let it write its own admin record (the router ignores records carrying
 * `_openid`, but every other collection trusts what is stored), so each must be server-only.
 */
export const setup = defineAction(contracts.admin.setup, ['admin', CONSOLE], async (_input, { db }): Promise<SetupOutput> => {
  const created: string[] = [];
  const database = sdk().database();
  for (const name of COLLECTIONS) {
    try {
      await database.createCollection(name);
      created.push(name);
    } catch (e) {
      const text = String((e as { errMsg?: string; message?: string }).errMsg ?? (e as Error).message);
      if (!/exist/i.test(text)) throw e;
    }
  }
  return { created, permissions: { unconfirmed: [...COLLECTIONS], clientWritten: await clientWritten(db), required: SERVER_ONLY } };
});

/** Collections holding at least one document a client created (the database stamps `_openid` on those). */
async function clientWritten(db: Db): Promise<string[]> {
  const counts = await Promise.all(COLLECTIONS.map(async (name) => [name, await db.count(name, { _openid: db.command['exists']!(true) })] as const));
  return counts.filter(([, n]) => n > 0).map(([name]) => name);
}
