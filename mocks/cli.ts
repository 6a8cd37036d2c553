/**
 * Invoke a cloud function against the local cloud, the way the cloud console's test panel does:
 *   npm run cloud -- <function> '<json>' [--openid <id>] [--db <file>]
 * Prints the JSON envelope; exits 0 for { ok: true }, 1 for an error envelope, 2 for bad usage.
 */
import { openLocalCloud } from './cloud/bootstrap';
import { UsageError, optionValue } from './args';

const USAGE = `用法: npm run cloud -- <function> '<json>' [--openid <openid>] [--db <sqlite file>]
例如: npm run cloud -- users '{"action":"me"}' --openid demo-dealer-a`;

async function main(argv: string[]): Promise<number> {
  const positional: string[] = [];
  let openid: string | undefined;
  let dbFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--openid' || a === '--db') {
      let v: string;
      try {
        v = optionValue(argv, i++, a);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        console.error(`${e.message}\n${USAGE}`);
        return 2;
      }
      if (a === '--openid') openid = v;
      else dbFile = v;
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      return 0;
    } else positional.push(a);
  }
  const [fn, json = '{}'] = positional;
  if (!fn) {
    console.error(USAGE);
    return 2;
  }
  let event: unknown;
  try {
    event = JSON.parse(json);
  } catch (e) {
    console.error(`第二个参数不是合法的 JSON：${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const cloud = openLocalCloud({ dbFile });
  try {
    if (!cloud.functionNames().includes(fn)) {
      console.error(`没有名为 ${fn} 的云函数。可用：${cloud.functionNames().join(', ')}`);
      return 2;
    }
    const result = (await cloud.invoke(fn, event, { openid, source: openid ? 'wx_client' : 'wx_devtools' })) as { ok?: boolean };
    console.log(JSON.stringify(result, null, 2));
    return result && result.ok === true ? 0 : 1;
  } finally {
    cloud.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
