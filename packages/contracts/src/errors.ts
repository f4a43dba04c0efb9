/**
 * Stable error codes. The first group is the Memory API's (spec 003) and keeps its HTTP meaning;
 * the rest are the platform's own. Each face maps codes to its status and shape in one filter.
 */
export const ErrorCodes = {
  ValidationError: 'VALIDATION_ERROR',
  AuthRequired: 'AUTH_REQUIRED',
  AuthInvalid: 'AUTH_INVALID',
  TenantMismatch: 'TENANT_MISMATCH',
  RateLimitExceeded: 'RATE_LIMIT_EXCEEDED',
  ResourceNotFound: 'RESOURCE_NOT_FOUND',
  DuplicateResource: 'DUPLICATE_RESOURCE',
  /** The conversation has a run going and the invoke asked not to wait behind it (409). */
  ConversationBusy: 'CONVERSATION_BUSY',
  InsufficientQuota: 'INSUFFICIENT_QUOTA',
  DatabaseError: 'DATABASE_ERROR',
  ExternalServiceError: 'EXTERNAL_SERVICE_ERROR',
  InsufficientScope: 'INSUFFICIENT_SCOPE',
  AgentMismatch: 'AGENT_MISMATCH',
  /** A feature the plan or the resource does not allow (a bot without heartbeat: true). */
  FeatureNotEnabled: 'FEATURE_NOT_ENABLED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  ServiceTimeout: 'SERVICE_TIMEOUT',
  /** No live replica of the service behind the request: answered at once, with Retry-After. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  UnknownCommand: 'UNKNOWN_COMMAND',
  InternalError: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** An error a use case throws on purpose; it crosses Kafka as a reply and HTTP as a face's error. */
export class DomainError extends Error implements ErrorDetail {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toDetail(): ErrorDetail {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }

  static fromDetail(detail: ErrorDetail): DomainError {
    return new DomainError(detail.code, detail.message, detail.field);
  }
}
