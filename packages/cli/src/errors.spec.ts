import { APIConnectionError, APITimeoutError, errorOf } from '@hb/sdk';
import { CliError, ExitCode, failureOf } from './errors';

const answer = (status: number, body: unknown = { success: false, errors: [{ code: 'X', message: 'refused', field: 'f' }] }) =>
  errorOf(status, body, new Headers({ 'x-request-id': 'req_9' }));

describe('failureOf', () => {
  it.each([
    [400, ExitCode.Refused],
    [402, ExitCode.Refused],
    [409, ExitCode.Refused],
    [429, ExitCode.Refused],
    [401, ExitCode.Unauthenticated],
    [403, ExitCode.Unauthenticated],
    [404, ExitCode.NotFound],
    [500, ExitCode.Unavailable],
    [503, ExitCode.Unavailable],
  ])('gives an answer of %i the exit code %i', (status, exitCode) => {
    expect(failureOf(answer(status))).toEqual({ code: 'X', message: 'refused', field: 'f', requestId: 'req_9', exitCode });
  });

  it('tells a connection failure and a timeout apart, both exit 5', () => {
    expect(failureOf(new APIConnectionError('Could not reach x'))).toMatchObject({ code: 'CONNECTION_FAILED', exitCode: ExitCode.Unavailable });
    expect(failureOf(new APITimeoutError('No answer'))).toMatchObject({ code: 'TIMEOUT', exitCode: ExitCode.Unavailable });
  });

  it("keeps the command line's own code and exit code", () => {
    expect(failureOf(new CliError('NOT_AUTHENTICATED', 'No API key', ExitCode.Unauthenticated))).toEqual({
      code: 'NOT_AUTHENTICATED',
      message: 'No API key',
      field: undefined,
      exitCode: ExitCode.Unauthenticated,
    });
  });

  it('reads an answer without an error body by its status', () => {
    expect(failureOf(answer(502, 'Bad Gateway'))).toMatchObject({ code: 'HTTP_502', message: 'The API answered 502', exitCode: ExitCode.Unavailable });
  });
});
