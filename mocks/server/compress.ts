import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Compressed answers for the H5 build. The catalog's JavaScript is ≈ 780 KB as built and ≈ 250 KB
 * gzipped; a phone on a slow network pays for every byte, and the local server should show the
 * sizes a CDN would serve. Two ways, both honouring Accept-Encoding:
 * - precompress() writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside each text asset
 *   once per build; a sibling older than its file is ignored.
 * - without a fresh sibling, the file is compressed on first request at a quick level and the
 *   result kept in memory until the file changes.
 */
export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.json', '.svg', '.map', '.txt', '.ttf', '.ico']);
/** Below this, headers and a compressor's frame cost more than they save. */
const MIN_BYTES = 1024;
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export function isCompressible(file: string, size: number): boolean {
  return size >= MIN_BYTES && COMPRESSIBLE.has(path.extname(file).toLowerCase());
}

/** The encoding to answer with for an Accept-Encoding header: br over gzip, neither when refused (q=0) or not offered. */
export function pickEncoding(accept: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  const weight = (e: Encoding) => q.get(e) ?? q.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

function compress(data: Buffer, encoding: Encoding, best: boolean): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
    : gzip(data, { level: best ? 9 : 6 });
}

/** A sibling written by precompress() for this version of the file, or null. */
function freshSibling(file: string, stat: fs.Stats, encoding: Encoding): string | null {
  const sibling = file + SUFFIX[encoding];
  try {
    return fs.statSync(sibling).mtimeMs >= stat.mtimeMs ? sibling : null;
  } catch {
    return null;
  }
}

/** Compressed bodies made on request, by file and encoding, until the file changes. */
export class CompressedCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>();

  /** The compressed body of `file` (already stat'ed) in `encoding`: its precompressed sibling, or made now and kept. */
  async body(file: string, stat: fs.Stats, encoding: Encoding): Promise<Buffer> {
    const sibling = freshSibling(file, stat, encoding);
    if (sibling) return fs.promises.readFile(sibling);
    const key = `${encoding}:${file}`;
    const hit = this.entries.get(key);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.body;
    const body = fs.promises.readFile(file).then((data) => compress(data, encoding, false));
    this.entries.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body });
    body.catch(() => this.entries.delete(key));
    return body;
  }
}

export interface PrecompressResult {
  files: number;
  /** Bytes as built, and as brotli and gzip siblings, over the compressible files. */
  raw: number;
  br: number;
  gzip: number;
  /** Files whose siblings were already fresh. */
  skipped: number;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/**
 * Write `.br` and `.gz` beside every compressible file of a build (once: fresh siblings are kept).
 * Each is written to a temp name and renamed, so a server reading at the same time never sees half a file.
 */
export async function precompress(dir: string): Promise<PrecompressResult> {
  const result: PrecompressResult = { files: 0, raw: 0, br: 0, gzip: 0, skipped: 0 };
  if (!fs.existsSync(dir)) return result;
  const files = walk(dir).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
  for (const file of files) {
    const stat = fs.statSync(file);
    if (!isCompressible(file, stat.size)) continue;
    result.files++;
    result.raw += stat.size;
    const data = fs.readFileSync(file);
    let fresh = 0;
    for (const encoding of ['br', 'gzip'] as const) {
      const sibling = freshSibling(file, stat, encoding);
      if (sibling) {
        result[encoding] += fs.statSync(sibling).size;
        fresh++;
        continue;
      }
      const body = await compress(data, encoding, true);
      const tmp = `${file}${SUFFIX[encoding]}.${process.pid}.part`;
      await fs.promises.writeFile(tmp, body);
      await fs.promises.rename(tmp, file + SUFFIX[encoding]);
      result[encoding] += body.length;
    }
    if (fresh === 2) result.skipped++;
  }
  return result;
}
