import crypto from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import { buildFlatXml } from '../../shared/wecom/xml';

/** What WeCom knows of the app's callback settings (and the app has in its environment). */
export interface CallbackSettings {
  corpId: string;
  token: string;
  aesKey: string;
}

/** A signed, encrypted callback as WeCom would POST it: query string and XML body. */
export interface SignedRequest {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

export interface ContactEventFields {
  changeType: string;
  userId: string;
  externalUserId: string;
  state?: string;
  source?: string;
  failReason?: string;
  /** Seconds; default now. */
  createTime?: number;
}

/** The plain XML of a change_external_contact event. */
export function contactEventXml(corpId: string, f: ContactEventFields, nowS: number): string {
  const fields: Record<string, string | number> = {
    ToUserName: corpId,
    FromUserName: 'sys',
    CreateTime: f.createTime ?? nowS,
    MsgType: 'event',
    Event: 'change_external_contact',
    ChangeType: f.changeType,
    UserID: f.userId,
    ExternalUserID: f.externalUserId,
  };
  if (f.state !== undefined) fields['State'] = f.state;
  if (f.changeType.startsWith('add_')) fields['WelcomeCode'] = crypto.randomBytes(12).toString('hex');
  if (f.source !== undefined) fields['Source'] = f.source;
  if (f.failReason !== undefined) fields['FailReason'] = f.failReason;
  return buildFlatXml(fields);
}

export interface SignOptions {
  /** Seconds; default now. */
  timestamp?: number;
  nonce?: string;
  /** Encrypt for this receiver instead of the corp (a wrong-receiver test). */
  receiverId?: string;
  /** Encrypt with this key instead (a wrong-key test). */
  aesKey?: string;
}

/** Encrypt and sign any plain XML the way WeCom does (加解密方案). */
export function signedRequest(s: CallbackSettings, plainXml: string, opts: SignOptions = {}): SignedRequest {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? String(crypto.randomInt(1e9, 1e10));
  const cipher = encrypt(opts.aesKey ?? s.aesKey, plainXml, opts.receiverId ?? s.corpId);
  const msg_signature = getSignature(s.token, timestamp, nonce, cipher);
  const body = buildFlatXml({ ToUserName: s.corpId, Encrypt: cipher, AgentID: '' });
  return { query: { msg_signature, timestamp, nonce }, body };
}

/** The URL check WeCom sends when the callback is saved: GET with an encrypted echostr. */
export function signedEcho(
  s: CallbackSettings,
  echo: string,
  opts: SignOptions = {},
): { msg_signature: string; timestamp: string; nonce: string; echostr: string } {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? String(crypto.randomInt(1e9, 1e10));
  const echostr = encrypt(opts.aesKey ?? s.aesKey, echo, opts.receiverId ?? s.corpId);
  return { msg_signature: getSignature(s.token, timestamp, nonce, echostr), timestamp, nonce, echostr };
}

/** A request as CloudBase HTTP access hands it to the function. */
export function httpAccessEvent(method: 'GET' | 'POST', query: Record<string, string>, body: string | null, path = '/wecom'): Record<string, unknown> {
  return {
    path,
    httpMethod: method,
    headers: { 'content-type': 'text/xml', host: '127.0.0.1' },
    queryStringParameters: query,
    body,
    isBase64Encoded: false,
    requestContext: { appId: 'local', envId: 'local-dev', requestId: crypto.randomUUID() },
  };
}

/** A fresh random 43-character EncodingAESKey. */
export function randomAesKey(): string {
  return crypto.randomBytes(32).toString('base64').slice(0, 43);
}
