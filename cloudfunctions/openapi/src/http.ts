import type { OpenApiErrorCode } from '@shared/openapi/types';
import type { HttpResponse } from '../../_kit/http';
import { json } from '../../_kit/http';

/** Partners reach the function over CloudBase HTTP access: the shapes and helpers are the kit's. */
export type { HttpEvent, HttpResponse } from '../../_kit/http';
export { bodyText, header, isHttpEvent, json } from '../../_kit/http';

const STATUS: Record<OpenApiErrorCode, number> = {
  UNSIGNED: 401,
  BAD_SIGNATURE: 401,
  STALE: 401,
  REPLAYED: 409,
  OUT_OF_SCOPE: 403,
  RATE_LIMITED: 429,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  INTERNAL: 500,
};

/** A refusal of the open API: `{ error: { code, message } }` with the code's HTTP status. */
export class ApiError {
  constructor(
    readonly code: OpenApiErrorCode,
    readonly message: string,
  ) {}

  response(): HttpResponse {
    return json(STATUS[this.code], { error: { code: this.code, message: this.message } });
  }
}
