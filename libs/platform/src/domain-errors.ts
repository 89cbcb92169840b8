/**
 * Errors the domain raises for things a user did; the global filter maps them
 * to HTTP. Anything else is a bug and becomes a 500 without details.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    /** The request field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class UnprocessableError extends DomainError {
  readonly status = 422;
}
