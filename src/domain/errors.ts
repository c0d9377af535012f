/**
 * Lambda's API errors, each carrying the AWS error code, HTTP status and message text
 * (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html and each operation's
 * Errors section). They are thrown inside the control plane and cross threads as
 * `ApiErrorShape` values, turned back into `LambdaError`s by the client.
 */
export interface ApiErrorShape {
  type: string;
  status: number;
  message: string;
  /** TooManyRequestsException's Reason, e.g. `ReservedFunctionConcurrentInvocationLimitExceeded`. */
  reason?: string;
}

export class LambdaError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = type;
  }

  toShape(): ApiErrorShape {
    return this.reason === undefined
      ? { type: this.type, status: this.status, message: this.message }
      : { type: this.type, status: this.status, message: this.message, reason: this.reason };
  }

  static fromShape(shape: ApiErrorShape): LambdaError {
    return new LambdaError(shape.type, shape.status, shape.message, shape.reason);
  }
}

export class InvalidParameterValueException extends LambdaError {
  constructor(message: string) {
    super('InvalidParameterValueException', 400, message);
  }
}

/** Lambda answers malformed requests that fail the model's constraints with ValidationException. */
export class ValidationException extends LambdaError {
  constructor(message: string) {
    super('ValidationException', 400, message);
  }
}

export class ResourceNotFoundException extends LambdaError {
  constructor(message: string) {
    super('ResourceNotFoundException', 404, message);
  }
}

export class ResourceConflictException extends LambdaError {
  constructor(message: string) {
    super('ResourceConflictException', 409, message);
  }
}

export class PreconditionFailedException extends LambdaError {
  constructor(message: string) {
    super('PreconditionFailedException', 412, message);
  }
}

export class RequestTooLargeException extends LambdaError {
  constructor(message: string) {
    super('RequestTooLargeException', 413, message);
  }
}

/**
 * The request's body is not what the operation reads: malformed JSON, a member of the wrong JSON
 * type or an unknown member (Lambda's front end answers these before any validation).
 */
export class InvalidRequestContentException extends LambdaError {
  constructor(message: string) {
    super('InvalidRequestContentException', 400, message);
  }
}

/** The whole HTTP request is over the operation's limit (e.g. CreateFunction's 70167211 bytes). */
export class RequestEntityTooLargeException extends LambdaError {
  constructor(message: string) {
    super('RequestEntityTooLargeException', 413, message);
  }
}

/** No operation of the API has this method and path; AWS front ends answer 404 UnknownOperationException. */
export class UnknownOperationException extends LambdaError {
  constructor(message: string) {
    super('UnknownOperationException', 404, message);
  }
}

export class TooManyRequestsException extends LambdaError {
  constructor(message: string, reason: string) {
    super('TooManyRequestsException', 429, message, reason);
  }
}

/** A code signing policy of Enforce refused an unsigned or untrusted package (CreateFunction, UpdateFunctionCode). */
export class CodeVerificationFailedException extends LambdaError {
  constructor(message: string) {
    super('CodeVerificationFailedException', 400, message);
  }
}

/** The package's signature does not match its files: Lambda blocks the deployment even with the Warn policy. */
export class InvalidCodeSignatureException extends LambdaError {
  constructor(message: string) {
    super('InvalidCodeSignatureException', 400, message);
  }
}

export class CodeSigningConfigNotFoundException extends LambdaError {
  constructor(message: string) {
    super('CodeSigningConfigNotFoundException', 404, message);
  }
}

/** A resource-based policy would grow past its 20 KB quota (AddPermission, AddLayerVersionPermission). */
export class PolicyLengthExceededException extends LambdaError {
  constructor(message: string) {
    super('PolicyLengthExceededException', 400, message);
  }
}

export class ProvisionedConcurrencyConfigNotFoundException extends LambdaError {
  constructor(message: string) {
    super('ProvisionedConcurrencyConfigNotFoundException', 404, message);
  }
}

export class ServiceException extends LambdaError {
  constructor(message: string) {
    super('ServiceException', 500, message);
  }
}

/** An operation's outcome as it crosses a thread: a value or the error, never a thrown object. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
