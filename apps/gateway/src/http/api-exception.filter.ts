import { randomUUID } from 'node:crypto';
import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCodes, type ErrorCode, type ErrorDetail } from '@hb/contracts';
import { LOGGER, type JsonLogger } from '@hb/platform';

/** HTTP status for each error code; exhaustive, so a new code cannot go unmapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCodes.ValidationError:
      return HttpStatus.BAD_REQUEST;
    case ErrorCodes.AuthRequired:
    case ErrorCodes.AuthInvalid:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCodes.TenantMismatch:
      return HttpStatus.FORBIDDEN;
    case ErrorCodes.ResourceNotFound:
    case ErrorCodes.UnknownCommand:
      return HttpStatus.NOT_FOUND;
    case ErrorCodes.DuplicateResource:
      return HttpStatus.CONFLICT;
    case ErrorCodes.InsufficientQuota:
      return HttpStatus.PAYMENT_REQUIRED;
    case ErrorCodes.RateLimitExceeded:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCodes.ExternalServiceError:
      return HttpStatus.BAD_GATEWAY;
    case ErrorCodes.ServiceTimeout:
      return HttpStatus.GATEWAY_TIMEOUT;
    case ErrorCodes.DatabaseError:
    case ErrorCodes.InternalError:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/**
 * The Memory API's error envelope `{success: false, errors, metadata}` for every failure; a
 * failure we did not expect is logged with an id and answered as a 500 carrying only that id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, error } = this.describe(exception);
    res.status(status).json({
      success: false,
      errors: [error],
      metadata: { request_id: `req_${randomUUID().replace(/-/g, '')}`, timestamp: new Date().toISOString(), version: 'v1' },
    });
  }

  private describe(exception: unknown): { status: number; error: ErrorDetail } {
    if (exception instanceof DomainError) {
      return { status: statusOf(exception.code), error: exception.toDetail() };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code = status === HttpStatus.NOT_FOUND ? ErrorCodes.ResourceNotFound : ErrorCodes.ValidationError;
      return { status, error: { code, message: exception.message } };
    }
    const errorId = randomUUID();
    this.logger.error({ msg: 'unhandled error', errorId, err: exception instanceof Error ? exception.stack : String(exception) }, ApiExceptionFilter.name);
    return { status: 500, error: { code: ErrorCodes.InternalError, message: `Internal error (id ${errorId})` } };
  }
}
