// Typed errors of the data layer, each carrying the HTTP status and title it answers with.
import { clip, type FieldErrors } from "./validation/fields";

/**
 * The base of every refusal. Each class states its own status, and a subclass inherits its parent's, so a new kind
 * of NotFoundError is a 404 without anyone remembering to add it to a table.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;

  constructor(
    message: string,
    readonly errors: FieldErrors = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule; `errors` names the fields. */
export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = "Invalid input";
}

/** Input that does not match its schema at all (as opposed to a rule checked against the database). */
export class InvalidInputError extends ValidationError {}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = "Not found";
}

/** No event has the slug: the slug is quoted as far as a person reads it (a path can hold a megabyte). */
export class EventNotFoundError extends NotFoundError {
  constructor(slug: string) {
    super(`No event has the slug "${clip(slug)}".`);
  }
}

/** A duplicate (slug, name) or a stale update; `current` holds the record as it is now, when there is one. */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = "Conflict";

  constructor(
    message: string,
    errors: FieldErrors = {},
    readonly current?: Record<string, unknown>,
  ) {
    super(message, errors);
  }
}

/** No credentials, or ones that are not valid (any more). */
export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = "Sign-in required";
}

/** Valid credentials that do not allow this, or a request from another site. */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = "Forbidden";
}

/** Too many attempts; `retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly title = "Too many requests";

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The database cannot take writes now (disk full, read-only, locked too long); reads go on. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly title = "Service unavailable";

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly title = "Payload too large";
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = "Unsupported media type";
}
