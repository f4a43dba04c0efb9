import { APIConnectionError, APIError, APITimeoutError } from '@hb/sdk';

/** The exit codes, as the top-level --help documents them. */
export const ExitCode = {
  Ok: 0,
  /** The API refused the request (a 4xx not listed below), or a run failed. */
  Refused: 1,
  /** Bad flags or arguments. */
  Usage: 2,
  /** No key configured, or the key was refused (401) or not allowed (403). */
  Unauthenticated: 3,
  NotFound: 4,
  /** The platform did not answer, or answered 5xx. */
  Unavailable: 5,
  /** Some of the work failed: an import with failed lines. */
  Partial: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure found by the command line itself, with the code it prints and the exit code it means. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function usageError(message: string, field?: string): CliError {
  return new CliError('USAGE', message, ExitCode.Usage, field);
}

/** What the error line says about a failure, and how the process exits because of it. */
export interface Failure {
  code: string;
  message: string;
  field?: string;
  requestId?: string;
  exitCode: ExitCode;
}

export function failureOf(error: unknown): Failure {
  if (error instanceof CliError) return { code: error.code, message: error.message, field: error.field, exitCode: error.exitCode };
  if (error instanceof APIError) {
    return {
      code: error.code,
      // The first error's own message: the APIError's message also carries the status and request id.
      message: error.errors[0]?.message ?? `The API answered ${error.status}`,
      field: error.field,
      requestId: error.requestId,
      exitCode: exitCodeOfStatus(error.status),
    };
  }
  if (error instanceof APITimeoutError) return { code: 'TIMEOUT', message: error.message, exitCode: ExitCode.Unavailable };
  if (error instanceof APIConnectionError) return { code: 'CONNECTION_FAILED', message: error.message, exitCode: ExitCode.Unavailable };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error), exitCode: ExitCode.Refused };
}

function exitCodeOfStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.Unauthenticated;
  if (status === 404) return ExitCode.NotFound;
  if (status >= 500) return ExitCode.Unavailable;
  return ExitCode.Refused;
}
