import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * WeCom's callback XML, read as plain strings. parseTagValue:false keeps "0218" as "0218" (not 218)
 * and processEntities:false leaves entity text alone; a DOCTYPE or ENTITY declaration is refused
 * outright, so nothing is ever expanded.
 */
const parser = new XMLParser({
  parseTagValue: false,
  processEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  trimValues: true,
});

/** The largest body a callback may have: WeCom's event XML is a few hundred bytes. */
export const MAX_CALLBACK_XML = 64 * 1024;

/** A flat `<xml>…</xml>` document as tag → text, or null when it is not one (malformed, nested, repeated, declared entities). */
export function parseFlatXml(text: string): Record<string, string> | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CALLBACK_XML) return null;
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  if (XMLValidator.validate(text) !== true) return null;
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return null;
  }
  const root = (doc as { xml?: unknown } | null)?.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    // Every field of a callback is one text value; a repeated or nested tag is not a WeCom callback.
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

/** The outer envelope WeCom POSTs: `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export interface CallbackEnvelope {
  toUserName: string;
  encrypt: string;
  agentId: string | null;
}

export function parseEnvelope(body: string): CallbackEnvelope | null {
  const f = parseFlatXml(body);
  if (!f) return null;
  const encrypt = f['Encrypt'];
  if (!encrypt || !/^[A-Za-z0-9+/=]+$/.test(encrypt)) return null;
  return { toUserName: f['ToUserName'] ?? '', encrypt, agentId: f['AgentID'] ? f['AgentID'] : null };
}

/** Build a flat callback XML (CDATA for text), as WeCom sends it. Used by the fake server and tests. */
export function buildFlatXml(fields: Record<string, string | number>): string {
  const parts = Object.entries(fields).map(([k, v]) =>
    typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]></${k}>`,
  );
  return `<xml>${parts.join('')}</xml>`;
}
