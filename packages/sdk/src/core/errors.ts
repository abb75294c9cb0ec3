// Error hierarchy (openai-node shape): DocketError → APIError → one subclass per HTTP status,
// plus connection, timeout and user-abort errors that carry no status.

export class DocketError extends Error {
  override name = 'DocketError';
}

/** A non-2xx HTTP answer. `detail` is the parsed `detail` of the body (string, object or list). */
export class APIError extends DocketError {
  override name = 'APIError';
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  /** The parsed response body. */
  readonly body: unknown;
  /** The body's `detail` field: a string, `{code, message, details}`, or a validation list. */
  readonly detail: unknown;
  /** `detail.code` when the detail is structured. */
  readonly code: string | undefined;
  /** The `x-request-id` response header. */
  readonly requestId: string | undefined;

  constructor(status: number | undefined, body: unknown, message: string | undefined, headers: Headers | undefined) {
    super(APIError.makeMessage(status, body, message));
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.detail = isRecord(body) && 'detail' in body ? body.detail : undefined;
    const structured = isRecord(this.detail) ? this.detail : isRecord(body) ? body : undefined;
    this.code = typeof structured?.code === 'string' ? structured.code : undefined;
    this.requestId = headers?.get('x-request-id') ?? undefined;
  }

  private static makeMessage(status: number | undefined, body: unknown, message: string | undefined): string {
    const text = message ?? describeBody(body);
    if (status && text) return `${status} ${text}`;
    if (status) return `${status} status code (no body)`;
    return text ?? '(no status code or body)';
  }

  /** Builds the subclass matching `status`. */
  static generate(status: number, body: unknown, headers: Headers): APIError {
    const Ctor = STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : APIError);
    return new Ctor(status, body, undefined, headers);
  }
}

export class BadRequestError extends APIError { override name = 'BadRequestError'; }
export class AuthenticationError extends APIError { override name = 'AuthenticationError'; }
export class PermissionDeniedError extends APIError { override name = 'PermissionDeniedError'; }
export class NotFoundError extends APIError { override name = 'NotFoundError'; }
export class ConflictError extends APIError { override name = 'ConflictError'; }
export class PayloadTooLargeError extends APIError { override name = 'PayloadTooLargeError'; }
export class UnprocessableEntityError extends APIError { override name = 'UnprocessableEntityError'; }
export class RateLimitError extends APIError { override name = 'RateLimitError'; }
export class InternalServerError extends APIError { override name = 'InternalServerError'; }

type APIErrorClass = new (s: number | undefined, b: unknown, m: string | undefined, h: Headers | undefined) => APIError;
const STATUS_CLASSES: Record<number, APIErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The request never got an HTTP answer (DNS, refused, reset, …). */
export class APIConnectionError extends APIError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error.', cause?: unknown) {
    super(undefined, undefined, message, undefined);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(message = 'Request timed out.') {
    super(message);
  }
}

/** The caller's AbortSignal fired. */
export class APIUserAbortError extends APIError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.') {
    super(undefined, undefined, message, undefined);
  }
}

/** `createAndPoll` gave up waiting (`timeoutMs`); the run itself keeps going. */
export class PollTimeoutError extends DocketError {
  override name = 'PollTimeoutError';
  constructor(readonly lastSeen: unknown, timeoutMs: number) {
    super(`Run did not reach a terminal status within ${timeoutMs} ms`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeBody(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body === 'string') return body;
  const detail = isRecord(body) ? body.detail : undefined;
  if (typeof detail === 'string') return detail;
  if (isRecord(detail) && typeof detail.message === 'string') return detail.message;
  if (Array.isArray(detail)) {
    return detail
      .map((d) => (isRecord(d) ? `${Array.isArray(d.loc) ? d.loc.join('.') + ': ' : ''}${String(d.msg ?? '')}` : String(d)))
      .join('; ');
  }
  if (isRecord(body) && typeof body.message === 'string') return body.message;
  return JSON.stringify(body);
}
