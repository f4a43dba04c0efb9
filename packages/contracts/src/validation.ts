import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError, ErrorCodes } from './errors';

export type Constructor<T> = new (...args: never[]) => T;

/**
 * Turns untrusted input (a Kafka message, a request body) into an instance of `type`, or throws a
 * VALIDATION_ERROR naming the first offending field by its dotted path.
 */
export function parseAs<T extends object>(type: Constructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new DomainError(ErrorCodes.ValidationError, 'Expected a JSON object');
  }
  const instance = plainToInstance(type as new () => T, input);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const { path, message } = firstViolation(errors[0]);
    throw new DomainError(ErrorCodes.ValidationError, message, path);
  }
  return instance;
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
