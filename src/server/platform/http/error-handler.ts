import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorBody } from './errors.ts';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** An Ajv issue in words a person understands, keyed by the field it concerns. */
function describeIssue(issue: AjvIssue): [string, string] {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return [[path, String(p.missingProperty)].filter(Boolean).join('.'), 'is required'];
    case 'additionalProperties':
      return [[path, String(p.additionalProperty)].filter(Boolean).join('.'), 'is not a field this request accepts'];
    case 'minLength':
      return [path, Number(p.limit) === 1 ? 'must not be empty' : `must be at least ${p.limit} characters`];
    case 'maxLength':
      return [path, `must be at most ${p.limit} characters`];
    case 'minimum':
      return [path, `must be at least ${p.limit}`];
    case 'maximum':
      return [path, `must be at most ${p.limit}`];
    case 'minItems':
      return [path, `must have at least ${p.limit} items`];
    case 'maxItems':
      return [path, `must have at most ${p.limit} items`];
    case 'enum':
      return [path, `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`];
    case 'const':
      return [path, `must be ${JSON.stringify(p.allowedValue)}`];
    case 'type':
      return [path, `must be ${/^[aeiou]/.test(String(p.type)) ? 'an' : 'a'} ${p.type}`];
    case 'format':
      return [path, `must be a valid ${p.format}`];
    case 'pattern':
      return [path, 'has an invalid format'];
    default:
      return [path, issue.message ?? 'is invalid'];
  }
}

const friendly4xx: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'The request body is empty but says it is JSON.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'This request body type is not accepted here.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'The Content-Length header does not match the body.'],
  FST_ERR_RATE_LIMIT_EXCEEDED: ['rate_limited', 'Too many requests. Please wait a moment and try again.'],
  FST_REQ_FILE_TOO_LARGE: ['payload_too_large', 'The file is too large.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['unsupported_media_type', 'This request must be multipart/form-data.'],
};

export function installErrorHandling(
  app: FastifyInstance,
  /** Answers a not-found request instead (the web faces' client-side routes); false to decline. */
  notFoundFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean,
): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'service error');
      return reply.status(error.statusCode).send(error.toBody());
    }
    if (error.validation) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const [name, message] = describeIssue(issue);
        const key = name || error.validationContext || 'body';
        fields[key] ??= message;
      }
      const where = error.validationContext === 'querystring' ? 'query' : error.validationContext ?? 'request';
      const body: ErrorBody = {
        error: { code: 'validation_failed', message: `Some fields of the ${where} need attention.`, fields },
      };
      return reply.status(422).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = error.code ? friendly4xx[error.code] : undefined;
      const [code, message] = known ?? [status === 404 ? 'not_found' : 'bad_request', 'The request could not be understood.'];
      if (status === 429 && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
      return reply.status(status).send({ error: { code, message } } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal_error', message: `Something went wrong on our side. Reference: ${request.id}.` },
    } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    if (notFoundFallback?.(request, reply)) return;
    reply.status(404).send({
      error: { code: 'not_found', message: `There is nothing at ${request.method} ${request.url.split('?')[0]}.` },
    } satisfies ErrorBody);
  });
}
