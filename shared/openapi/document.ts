import { z } from 'zod';
import type { OperationDef } from './operations';
import { errorBody, OPERATIONS } from './operations';

/**
 * The OpenAPI 3.1 document of the open API, generated from the operations' zod schemas with zod's
 * own JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12):
 * https://zod.dev/json-schema and https://spec.openapis.org/oas/v3.1.0
 */

type Json = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(type, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return schema;
}

function parametersOf(op: OperationDef): Json[] {
  const out: Json[] = [];
  for (const [where, obj] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!obj) continue;
    const schema = schemaOf(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (schema.required ?? []).includes(name), schema: prop });
    }
  }
  // Every write takes an Idempotency-Key (docs/openapi.md): the same key and request answer the first answer again.
  if (op.method === 'POST') out.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: IDEMPOTENCY_KEY });
  return out;
}

const IDEMPOTENCY_KEY = {
  type: 'string',
  pattern: '^[A-Za-z0-9_.:-]{1,128}$',
  description:
    '幂等键（每个合作方各自的命名空间，保留 24 小时）：同一键、同一请求（方法、路径、内容）重复提交，返回第一次的应答（带 Idempotent-Replayed: true），不再执行；同一键、不同请求返回 409 IDEMPOTENCY_KEY_REUSED；第一次尚在处理时返回 409 IDEMPOTENCY_IN_PROGRESS。',
};

const SIGNED_HEADERS = ['X-Partner-Key', 'X-Timestamp', 'X-Nonce', 'X-Signature'];

const REFUSALS: Record<string, string> = {
  '400': 'INVALID_INPUT',
  '401': 'UNSIGNED / BAD_SIGNATURE / STALE',
  '403': 'OUT_OF_SCOPE',
  '404': 'NOT_FOUND',
  '409': 'REPLAYED / CONFLICT / IDEMPOTENCY_KEY_REUSED / IDEMPOTENCY_IN_PROGRESS',
  '429': 'RATE_LIMITED',
};

export function openApiDocument(serverUrl = '/openapi'): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [operationId, op] of Object.entries(OPERATIONS) as Array<[string, OperationDef]>) {
    const responses: Json = { '200': { description: 'OK', content: { 'application/json': { schema: schemaOf(op.response, 'output') } } } };
    for (const [status, codes] of Object.entries(REFUSALS))
      responses[status] = { description: codes, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId,
      summary: op.summary,
      'x-scope': op.scope,
      security: [{ partnerSignature: [] }],
      parameters: parametersOf(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '渠道管理 开放接口',
      version: '1.0.0',
      description: `每个请求须签名：HMAC-SHA256(secret, method\\npath\\ntimestamp\\nnonce\\nsha256hex(body))，base64，放在 X-Signature；另带 ${SIGNED_HEADERS.join('、')}。时间戳误差 5 分钟内，nonce 不可重复。见 docs/openapi.md。`,
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: schemaOf(errorBody, 'output') },
      securitySchemes: {
        partnerSignature: { type: 'apiKey', in: 'header', name: 'X-Partner-Key', description: '另须 X-Timestamp、X-Nonce、X-Signature，见 info.description' },
      },
    },
  };
}
