import type { ErrorCode } from './errors';
import { DEFAULT_MESSAGES } from './errors';

/** One problem with one field of the input, as reported to the caller. */
export interface InputIssue {
  /** Dotted path of the field, '' for the payload itself. */
  path: string;
  message: string;
  code: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: InputIssue[];
  /** Machine-readable facts for the UI (for example which SKUs are short). */
  details?: Record<string, unknown>;
}

export type Ok<T> = { ok: true; data: T };
export type Err = { ok: false; error: ErrorBody };
/** The one answer shape of every cloud function. */
export type Envelope<T> = Ok<T> | Err;

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function err(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], extra: { issues?: InputIssue[]; details?: Record<string, unknown> } = {}): Err {
  const error: ErrorBody = { code, message };
  if (extra.issues) error.issues = extra.issues;
  if (extra.details) error.details = extra.details;
  return { ok: false, error };
}

/** A typed business outcome that is not a success: handlers return it, the router answers it. */
export class Refusal {
  constructor(
    readonly code: ErrorCode,
    readonly message: string = DEFAULT_MESSAGES[code],
    readonly details?: Record<string, unknown>,
  ) {}
}
