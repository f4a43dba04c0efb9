import { DomainError, ErrorCodes } from '@hb/contracts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header of a create, checked: a retry with the same key answers the first result. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
    throw new DomainError(ErrorCodes.ValidationError, 'Idempotency-Key must be 1 to 200 printable ASCII characters', 'Idempotency-Key');
  }
  return header;
}
