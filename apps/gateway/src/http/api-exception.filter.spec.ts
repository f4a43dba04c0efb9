import type { ArgumentsHost } from '@nestjs/common';
import { BadRequestException } from '@nestjs/common';
import { DomainError, ErrorCodes, type ErrorCode } from '@hb/contracts';
import { JsonLogger } from '@hb/platform';
import { ApiExceptionFilter, statusOf } from './api-exception.filter';

function aResponse(path = '/api/v1/memories') {
  const sent: { status?: number; body?: any } = {};
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  const req = { path, requestId: 'req_0123456789abcdef0123456789abcdef' };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  return { host, sent };
}

function aFilter() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = new JsonLogger('gateway', 'test', 'info', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { sut: new ApiExceptionFilter(logger), lines };
}

describe(ApiExceptionFilter.name, () => {
  it.each<[ErrorCode, number]>([
    [ErrorCodes.ValidationError, 400],
    [ErrorCodes.AuthRequired, 401],
    [ErrorCodes.AuthInvalid, 401],
    [ErrorCodes.InsufficientQuota, 402],
    [ErrorCodes.TenantMismatch, 403],
    [ErrorCodes.InsufficientScope, 403],
    [ErrorCodes.AgentMismatch, 403],
    [ErrorCodes.FeatureNotEnabled, 403],
    [ErrorCodes.PayloadTooLarge, 413],
    [ErrorCodes.ResourceNotFound, 404],
    [ErrorCodes.DuplicateResource, 409],
    [ErrorCodes.RateLimitExceeded, 429],
    [ErrorCodes.DatabaseError, 500],
    [ErrorCodes.ExternalServiceError, 502],
    [ErrorCodes.ServiceTimeout, 504],
  ])('answers %s with HTTP %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });

  it('writes a domain error in the Memory API envelope with its field', () => {
    const { sut } = aFilter();
    const { host, sent } = aResponse();
    sut.catch(new DomainError(ErrorCodes.ValidationError, "The 'content' field is required", 'content'), host);
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({
      success: false,
      errors: [{ code: 'VALIDATION_ERROR', message: "The 'content' field is required", field: 'content' }],
      metadata: { request_id: 'req_0123456789abcdef0123456789abcdef', timestamp: expect.any(String), version: 'v1' },
    });
  });

  it.each(['/api/v1/agents/agent_1/invoke', '/v1/bot/heartbeat/configure'])('writes a plain {error} body on %s', (path) => {
    const { sut } = aFilter();
    const { host, sent } = aResponse(path);
    sut.catch(new DomainError(ErrorCodes.AuthInvalid, 'Invalid authentication token'), host);
    expect(sent.status).toBe(401);
    expect(sent.body).toEqual({ error: { code: 'AUTH_INVALID', message: 'Invalid authentication token' } });
  });

  it('keeps the status of a framework 4xx', () => {
    const { sut } = aFilter();
    const { host, sent } = aResponse();
    sut.catch(new BadRequestException('Unexpected token } in JSON at position 9'), host);
    expect(sent.status).toBe(400);
    expect(sent.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'body' });
  });

  it('answers an unexpected error with a 500 that carries only an error id, and logs the stack', () => {
    const { sut, lines } = aFilter();
    const { host, sent } = aResponse();
    sut.catch(new Error('connection string postgres://secret@db leaked?'), host);
    expect(sent.status).toBe(500);
    const [error] = sent.body.errors;
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).not.toContain('postgres://');
    const errorId = /id ([0-9a-f-]{36})/.exec(error.message)![1];
    expect(lines).toEqual([expect.objectContaining({ level: 'error', errorId, err: expect.stringContaining('leaked?') })]);
  });
});
