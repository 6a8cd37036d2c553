import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Host names a loopback listener answers to (any port): a page on another name reached us through DNS rebinding. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::\d{1,5})?$/.exec(host.trim().toLowerCase());
  const name = m ? (m[1] ?? m[2]) : undefined;
  return name === '127.0.0.1' || name === 'localhost' || name === '::1';
}

/**
 * Cloud storage on a local folder. Uploads go the way the SDK sends them: it asks for upload
 * metadata, then PUTs the bytes to the URL it was given, here a loopback listener. As with COS,
 * the PUT must carry the authorization the metadata gave: here an HMAC of the path under a key
 * made for this run, so nothing but this process's SDK (not a web page, not another local user)
 * can write or overwrite a stored file. fileIDs look like the cloud's: cloud://<env>.<bucket>/<path>.
 */
export class LocalStorage {
  private server: http.Server | null = null;
  private port = 0;
  /** Signs upload authorizations; new each run, never written anywhere. */
  private readonly uploadKey = randomBytes(32);

  constructor(
    readonly root: string,
    private readonly envId: string,
    private readonly publicUrl: () => string,
  ) {}

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.local-bucket/${cloudPath}`;
  }

  /** The cloud path of a fileID, or null when it is not one of ours or escapes the root. */
  pathOf(fileId: string): string | null {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
    if (!m) return null;
    const rel = path.posix.normalize(m[1]!);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return rel;
  }

  /** Absolute file of a cloud path, or null when the path would leave the storage folder. */
  fileOf(cloudPath: string): string | null {
    const abs = path.resolve(this.root, cloudPath);
    return abs.startsWith(path.resolve(this.root) + path.sep) ? abs : null;
  }

  async uploadMetadata(cloudPath: string): Promise<Record<string, unknown>> {
    if (!cloudPath || cloudPath.startsWith('/') || !this.fileOf(cloudPath)) {
      return { code: 'INVALID_PARAM', message: `invalid cloudPath ${cloudPath}` };
    }
    const port = await this.listen();
    const authorization = this.authorizationFor(cloudPath);
    return {
      data: {
        url: `http://127.0.0.1:${port}/upload/${encodeURIComponent(cloudPath)}`,
        token: authorization,
        authorization,
        fileId: this.fileIdOf(cloudPath),
        cosFileId: 'local',
      },
    };
  }

  downloadList(items: Array<{ fileid?: unknown; max_age?: unknown }>): Array<Record<string, unknown>> {
    return items.map((item) => {
      const fileID = String(item.fileid ?? '');
      const rel = this.pathOf(fileID);
      const abs = rel ? this.fileOf(rel) : null;
      if (!rel || !abs || !fs.existsSync(abs)) return { fileID, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' };
      return {
        fileID,
        code: 'SUCCESS',
        maxAge: Number(item.max_age ?? 86400),
        tempFileURL: `${this.publicUrl().replace(/\/$/, '')}/__storage/${rel.split('/').map(encodeURIComponent).join('/')}`,
      };
    });
  }

  deleteList(items: unknown[]): Array<Record<string, unknown>> {
    return items.map((raw) => {
      const fileID = String(raw);
      const rel = this.pathOf(fileID);
      const abs = rel ? this.fileOf(rel) : null;
      if (!abs || !fs.existsSync(abs)) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
      fs.unlinkSync(abs);
      return { fileID, code: 'SUCCESS' };
    });
  }

  /** The authorization an upload of this path must carry (what getUploadMetadata hands the SDK). */
  private authorizationFor(cloudPath: string): string {
    return createHmac('sha256', this.uploadKey).update(cloudPath).digest('hex');
  }

  private authorized(req: http.IncomingMessage, cloudPath: string): boolean {
    const given = req.headers['authorization'];
    if (typeof given !== 'string') return false;
    const want = Buffer.from(this.authorizationFor(cloudPath));
    const got = Buffer.from(given);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  private listen(): Promise<number> {
    if (this.server) return Promise.resolve(this.port);
    const refuse = (req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, message: string) => {
      // Read and drop the body, so the client gets the answer instead of a reset connection.
      req.resume();
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`);
    };
    this.server = http.createServer((req, res) => {
      const m = /^\/upload\/(.+)$/.exec(req.url ?? '');
      let cloudPath: string | null = null;
      try {
        cloudPath = m ? decodeURIComponent(m[1]!) : null;
      } catch {
        cloudPath = null;
      }
      const abs = cloudPath ? this.fileOf(cloudPath) : null;
      if (req.method !== 'PUT' || !cloudPath || !abs) return refuse(req, res, 400, 'InvalidRequest', 'bad upload');
      if (!isLoopbackHost(req.headers.host)) return refuse(req, res, 403, 'AccessDenied', 'host not allowed');
      if (!this.authorized(req, cloudPath)) return refuse(req, res, 403, 'AccessDenied', 'upload authorization missing or wrong');
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      // Each upload its own temp file: two uploads of one path at once must not share it.
      const tmp = `${abs}.${process.pid}.${randomBytes(6).toString('hex')}.part`;
      const out = fs.createWriteStream(tmp);
      req.pipe(out);
      out.on('finish', () => {
        fs.renameSync(tmp, abs);
        res.writeHead(200);
        res.end('');
      });
    });
    // Never keep a process alive just for the upload listener.
    this.server.unref();
    return new Promise((resolve) => {
      this.server!.listen(0, '127.0.0.1', () => {
        this.port = (this.server!.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  close(): void {
    this.server?.close();
    this.server = null;
  }
}
