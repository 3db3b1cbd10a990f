// Typed errors of the data layer and the HTTP status each one maps to, in one table.
import type { FieldErrors } from "./validation/fields";

export class AppError extends Error {
  constructor(
    message: string,
    readonly errors: FieldErrors = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule; `errors` names the fields. */
export class ValidationError extends AppError {}

export class NotFoundError extends AppError {}

/** A duplicate (slug, name) or a stale update; `current` holds the record as it is now, when there is one. */
export class ConflictError extends AppError {
  constructor(
    message: string,
    errors: FieldErrors = {},
    readonly current?: Record<string, unknown>,
  ) {
    super(message, errors);
  }
}

/** No credentials, or ones that are not valid (any more). */
export class UnauthorizedError extends AppError {}

/** Valid credentials that do not allow this, or a request from another site. */
export class ForbiddenError extends AppError {}

/** Too many attempts; `retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The database cannot take writes now (disk full, read-only, locked too long); reads go on. */
export class ServiceUnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class PayloadTooLargeError extends AppError {}
export class UnsupportedMediaTypeError extends AppError {}

export const HTTP_STATUS = new Map<new (...args: never[]) => AppError, { status: number; title: string }>([
  [ValidationError, { status: 400, title: "Invalid input" }],
  [NotFoundError, { status: 404, title: "Not found" }],
  [UnauthorizedError, { status: 401, title: "Sign-in required" }],
  [ForbiddenError, { status: 403, title: "Forbidden" }],
  [ConflictError, { status: 409, title: "Conflict" }],
  [TooManyRequestsError, { status: 429, title: "Too many requests" }],
  [ServiceUnavailableError, { status: 503, title: "Service unavailable" }],
  [PayloadTooLargeError, { status: 413, title: "Payload too large" }],
  [UnsupportedMediaTypeError, { status: 415, title: "Unsupported media type" }],
]);

export function statusOf(error: AppError): { status: number; title: string } {
  return HTTP_STATUS.get(error.constructor as new (...args: never[]) => AppError) ?? { status: 400, title: "Bad request" };
}
