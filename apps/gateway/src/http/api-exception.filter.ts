import { randomUUID } from 'node:crypto';
import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCodes, type ErrorCode, type ErrorDetail } from '@hb/contracts';
import { LOGGER, type JsonLogger } from '@hb/platform';
import { errorBody, faceOf } from '../faces/face';
import { requestIdOf } from './request-id';

/** HTTP status for each error code; exhaustive, so a new code cannot go unmapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCodes.ValidationError:
      return HttpStatus.BAD_REQUEST;
    case ErrorCodes.AuthRequired:
    case ErrorCodes.AuthInvalid:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCodes.TenantMismatch:
    case ErrorCodes.InsufficientScope:
    case ErrorCodes.AgentMismatch:
    case ErrorCodes.FeatureNotEnabled:
      return HttpStatus.FORBIDDEN;
    case ErrorCodes.ResourceNotFound:
    case ErrorCodes.UnknownCommand:
      return HttpStatus.NOT_FOUND;
    case ErrorCodes.DuplicateResource:
    case ErrorCodes.ConversationBusy:
      return HttpStatus.CONFLICT;
    case ErrorCodes.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCodes.InsufficientQuota:
      return HttpStatus.PAYMENT_REQUIRED;
    case ErrorCodes.RateLimitExceeded:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCodes.ExternalServiceError:
      return HttpStatus.BAD_GATEWAY;
    case ErrorCodes.ServiceTimeout:
      return HttpStatus.GATEWAY_TIMEOUT;
    case ErrorCodes.ServiceUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCodes.DatabaseError:
    case ErrorCodes.InternalError:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/** Errors that body-parser raises before a route runs: malformed JSON, oversize or too deep bodies. */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/**
 * Every failure leaves in its face's shape (see faces/face.ts). A failure we did not expect is
 * logged with an id and answered as a 500 carrying only that id: never a stack, never a message
 * from deep inside.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const requestId = requestIdOf(req);
    const { status, error } = this.describe(exception, requestId);
    // A replica usually takes over or restarts within seconds (the consumer groups' session timeout).
    if (error.code === ErrorCodes.ServiceUnavailable) res.setHeader('Retry-After', '1');
    res.status(status).json(errorBody(faceOf(req.path ?? '/'), error, requestId));
  }

  private describe(exception: unknown, requestId: string): { status: number; error: ErrorDetail } {
    if (exception instanceof DomainError) {
      return { status: statusOf(exception.code), error: exception.toDetail() };
    }
    const parserError = exception as BodyParserError;
    if (parserError?.type === 'entity.too.large') {
      return { status: 413, error: { code: ErrorCodes.PayloadTooLarge, message: 'Request body exceeds 1 MiB' } };
    }
    if (parserError?.type === 'entity.too.deep') {
      return { status: 400, error: { code: ErrorCodes.ValidationError, message: String(parserError.message), field: 'body' } };
    }
    if (exception instanceof HttpException && exception.getStatus() === 400 && /JSON/.test(exception.message)) {
      // Nest turns body-parser's SyntaxError into a BadRequestException carrying its message.
      return { status: 400, error: { code: ErrorCodes.ValidationError, message: `Request body is not valid JSON: ${exception.message}`, field: 'body' } };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code = status === HttpStatus.NOT_FOUND ? ErrorCodes.ResourceNotFound : ErrorCodes.ValidationError;
      return { status, error: { code, message: exception.message } };
    }
    if (parserError?.expose && parserError.status && parserError.status < 500) {
      return { status: parserError.status, error: { code: ErrorCodes.ValidationError, message: 'Request body could not be read' } };
    }
    const errorId = randomUUID();
    this.logger.error(
      { msg: 'unhandled error', errorId, requestId, err: exception instanceof Error ? exception.stack : String(exception) },
      ApiExceptionFilter.name,
    );
    return { status: 500, error: { code: ErrorCodes.InternalError, message: `Internal error (id ${errorId})` } };
  }
}
