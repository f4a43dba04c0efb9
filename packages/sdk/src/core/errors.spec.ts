import { AuthenticationError, InternalServerError, NotFoundError, RateLimitError, errorOf } from './errors';

describe('errorOf', () => {
  it("reads the Memory face's envelope: every error, the first as code and field, and the request id", () => {
    const body = {
      success: false,
      errors: [
        { code: 'VALIDATION_ERROR', message: 'The content field is required', field: 'content' },
        { code: 'VALIDATION_ERROR', message: 'type must be one of…', field: 'type' },
      ],
      metadata: { request_id: 'req_1' },
    };
    const error = errorOf(400, body, new Headers());
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'content', requestId: 'req_1' });
    expect(error.errors).toHaveLength(2);
    expect(error.message).toBe('400 VALIDATION_ERROR: The content field is required (field: content) [req_1]');
  });

  it("reads the Agent and Heartbeat faces' {error}, with the request id from its header", () => {
    const error = errorOf(404, { error: { code: 'RESOURCE_NOT_FOUND', message: 'Bot not found', field: 'bot_id' } }, new Headers({ 'X-Request-Id': 'req_2' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', field: 'bot_id', requestId: 'req_2' });
  });

  it('types by status, and names an answer that is not the API’s own by its status', () => {
    expect(errorOf(401, undefined, new Headers())).toBeInstanceOf(AuthenticationError);
    expect(errorOf(502, '<html>bad gateway</html>', new Headers())).toMatchObject({ constructor: InternalServerError, code: 'HTTP_502' });
    const limited = errorOf(429, {}, new Headers({ 'Retry-After': '7' }));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(7000);
    const dated = errorOf(429, {}, new Headers({ 'Retry-After': new Date(Date.now() + 60_000).toUTCString() })) as RateLimitError;
    expect(dated.retryAfterMs).toBeGreaterThan(55_000);
  });
});
