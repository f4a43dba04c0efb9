import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError, ErrorCodes } from './errors';

/**
 * The highest page any list takes: beyond it the offset would overflow what Postgres accepts,
 * and no client pages that far (a million pages of a hundred).
 */
export const MAX_PAGE = 1_000_000;

export type Constructor<T> = new (...args: never[]) => T;

/**
 * Turns untrusted input (a Kafka message, a request body) into an instance of `type`, or throws a
 * VALIDATION_ERROR naming the first offending field by its dotted path.
 */
export function parseAs<T extends object>(type: Constructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new DomainError(ErrorCodes.ValidationError, 'Expected a JSON object');
  }
  const withNul = pathToNul(input);
  if (withNul !== undefined) {
    throw new DomainError(ErrorCodes.ValidationError, `${withNul || 'input'} must not contain NUL characters`, withNul || undefined);
  }
  const instance = plainToInstance(type as new () => T, input);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const { path, message } = firstViolation(errors[0]);
    throw new DomainError(ErrorCodes.ValidationError, message, path);
  }
  return instance;
}

/**
 * The dotted path of the first string (value or key) holding U+0000, which PostgreSQL cannot
 * store in text or jsonb; undefined when there is none.
 */
function pathToNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = pathToNul(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function firstViolation(error: ValidationError, parent = ''): { path: string; message: string } {
  const path = parent ? `${parent}.${error.property}` : error.property;
  if (error.constraints) {
    const message = Object.values(error.constraints)[0] ?? `${path} is invalid`;
    return { path, message };
  }
  const child = error.children?.[0];
  return child ? firstViolation(child, path) : { path, message: `${path} is invalid` };
}
