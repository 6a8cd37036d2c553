import protobuf from 'protobufjs';

/**
 * The protobuf envelope wx-server-sdk wraps open-API calls in (CommApiData out, CommOpenApiResp
 * back). Field numbers match the SDK's bundled schema; tests/functions/local-cloud/sdk-seams.test.ts
 * fails loudly if the SDK changes them.
 */
export const WIRE_SCHEMA = {
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
} as const;

const root = protobuf.Root.fromJSON(WIRE_SCHEMA as unknown as protobuf.INamespace);

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** The API's arguments as the SDK sent them: snake_case keys, JSON values. */
export function decodeOpenApiRequest(buf: Buffer): { appid: string; data: Record<string, unknown> } {
  const msg = CommApiData.toObject(CommApiData.decode(buf), { defaults: true, bytes: Buffer }) as {
    appid: string;
    openapiData?: { pairs?: Array<{ key: string; value: Buffer }> };
  };
  const data: Record<string, unknown> = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8');
    try {
      data[pair.key] = JSON.parse(text);
    } catch {
      data[pair.key] = text;
    }
  }
  return { appid: msg.appid, data };
}

export interface OpenApiReply {
  contentType: string;
  body: Buffer;
}

export function jsonReply(value: unknown): OpenApiReply {
  return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(value)) };
}

export function encodeOpenApiResponse(reply: OpenApiReply): Buffer {
  const msg = CommOpenApiResp.create({ respData: reply.body, contentType: reply.contentType, errorCode: 0, httpCode: 200 });
  return Buffer.from(CommOpenApiResp.encode(msg).finish());
}
