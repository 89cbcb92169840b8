/**
 * Errors the domain raises for things a user did; the global filter maps them
 * to HTTP. Anything else is a bug and becomes a 500 without details.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  readonly fields: Record<string, string> | undefined;

  constructor(
    message: string,
    /** The request field at fault, when there is one. */
    readonly field?: string,
    /** Several fields at fault, each with its message. */
    fields?: Record<string, string>,
  ) {
    super(field ? `${field} ${message}` : message);
    this.name = new.target.name;
    this.fields = fields ?? (field ? { [field]: message } : undefined);
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
