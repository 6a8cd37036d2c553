import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Cloud storage on a local folder. Uploads go the way the SDK sends them: it asks for upload
 * metadata, then PUTs the bytes to the URL it was given, here a loopback listener.
 * fileIDs look like the cloud's: cloud://<env>.<bucket>/<path>.
 */
export class LocalStorage {
  private server: http.Server | null = null;
  private port = 0;

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
    return {
      data: {
        url: `http://127.0.0.1:${port}/upload/${encodeURIComponent(cloudPath)}`,
        token: 'local',
        authorization: 'local',
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

  private listen(): Promise<number> {
    if (this.server) return Promise.resolve(this.port);
    this.server = http.createServer((req, res) => {
      const m = /^\/upload\/(.+)$/.exec(req.url ?? '');
      const abs = m ? this.fileOf(decodeURIComponent(m[1]!)) : null;
      if (req.method !== 'PUT' || !abs) {
        res.writeHead(400, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0"?><Error><Code>InvalidRequest</Code><Message>bad upload</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>');
        return;
      }
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
