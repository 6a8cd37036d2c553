import fs from 'node:fs';
import path from 'node:path';
import type { TestCloud } from '../helpers/local-cloud';
import { createSeededTestCloud } from '../helpers/seed-snapshot';

/**
 * Every documented example (docs/*.md: a ```json call <fn> [openid]``` block followed by a
 * ```json answer``` block) runs against freshly seeded demo data and must answer exactly as shown.
 */
interface Example {
  file: string;
  line: number;
  fn: string;
  openid: string | undefined;
  request: unknown;
  answer: unknown;
}

const DOCS = path.join(__dirname, '..', '..', 'docs');

function examples(): Example[] {
  const out: Example[] = [];
  for (const file of fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(DOCS, file), 'utf8');
    const blocks = [...text.matchAll(/```json (call|answer)([^\n]*)\n([\s\S]*?)```/g)];
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b[1] !== 'call') continue;
      const next = blocks[i + 1];
      const line = text.slice(0, b.index).split('\n').length;
      if (!next || next[1] !== 'answer') throw new Error(`${file}:${line}: a call block must be followed by an answer block`);
      const [fn, openid] = b[2]!.trim().split(/\s+/);
      out.push({ file, line, fn: fn!, openid, request: JSON.parse(b[3]!), answer: JSON.parse(next[3]!) });
    }
  }
  return out;
}

const all = examples();

/** "…" in a documented answer stands for a value that differs per run. */
function withWildcards(value: unknown): unknown {
  if (value === '…') return expect.anything();
  if (Array.isArray(value)) return value.map(withWildcards);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withWildcards(v)]));
  return value;
}

describe('the documented examples in docs/', () => {
  let t: TestCloud;
  beforeAll(() => {
    // The demo data at its default reference date, from the tests' seeded snapshot.
    t = createSeededTestCloud();
  });
  afterAll(() => t.cleanup());

  it('exist', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((e) => [`${e.file}:${e.line} ${e.fn}`, e] as const))('%s answers as documented', async (_name, e) => {
    // Without an openid the call comes from the console's test panel, as the docs say.
    const res = await t.cloud.invoke(e.fn, e.request, e.openid ? { openid: e.openid } : { source: 'wx_devtools' });
    expect(res).toEqual(withWildcards(e.answer));
  });
});
