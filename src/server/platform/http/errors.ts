// The one error model. Services throw AppError; the error handler turns it (and
// Fastify's own validation and parsing errors) into
//   {"error": {"code": "snake_case", "message": "…", "fields"?: {name: "…"}}}
// Nothing else about an error — stack, SQL, internal message — ever reaches a client.
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; [extra: string]: unknown };
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra members of the error object, e.g. `emergencyNumber`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.extra ?? {}),
      },
    };
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'Please sign in to continue.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do this.', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what = 'This resource', code = 'not_found') => new AppError(404, code, `${what} was not found.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const invalid = (fields: Record<string, string>, message = 'Some fields need attention.') =>
  new AppError(422, 'validation_failed', message, fields);
