// Error bodies as Retab/FastAPI clients expect them: {"detail": "..."}, {"detail": {code, message, details}},
// and 422 {"detail": [{loc, msg, type}]} for request validation. Stack traces stay in the log.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export class ApiError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly detail: string | { code: string; message: string; details: unknown } | ValidationIssue[],
    public readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : Array.isArray(detail) ? detail.map((d) => d.msg).join('; ') : detail.message);
  }
}

export const validationError = (loc: (string | number)[], msg: string, type = 'value_error'): ApiError => new ApiError(422, [{ loc, msg, type }]);
export const notFound = (what: string, id: string): ApiError => new ApiError(404, `${what} '${id}' not found`);

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fromAjv(context: string, issues: AjvIssue[]): ValidationIssue[] {
  return issues.map((v) => {
    const loc: (string | number)[] = [context, ...v.instancePath.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')))];
    if (v.keyword === 'required' && typeof v.params.missingProperty === 'string') {
      loc.push(v.params.missingProperty);
      return { loc, msg: 'Field required', type: 'missing' };
    }
    if (v.keyword === 'additionalProperties' && typeof v.params.additionalProperty === 'string') {
      loc.push(v.params.additionalProperty);
      return { loc, msg: 'Extra inputs are not permitted', type: 'extra_forbidden' };
    }
    let msg = v.message ?? 'invalid value';
    if (v.keyword === 'enum' && Array.isArray(v.params.allowedValues)) msg = `must be one of: ${v.params.allowedValues.join(', ')}`;
    return { loc, msg, type: v.keyword };
  });
}

export function errorHandler(err: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ApiError) {
    void reply.code(err.statusCode).headers(err.headers).send({ detail: err.detail });
    return;
  }
  if (err.validation) {
    void reply.code(422).send({ detail: fromAjv(err.validationContext ?? 'body', err.validation) });
    return;
  }
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    void reply.code(413).send({ detail: 'Request body is too large; send the document as an http(s) URL or raise DOCKET_BODY_LIMIT_MB' });
    return;
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    void reply.code(415).send({ detail: 'Send the request body as application/json' });
    return;
  }
  if (status >= 400 && status < 500) {
    void reply.code(status).send({ detail: err.message });
    return;
  }
  req.log.error({ err }, 'unhandled error');
  void reply.code(500).send({ detail: { code: 'internal_error', message: 'An internal error occurred; the server log has details (request id ' + req.id + ')', details: null } });
}
