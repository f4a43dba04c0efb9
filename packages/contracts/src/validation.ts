import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { DomainError, ErrorCodes } from './errors';

/**
 * The highest page any list takes: beyond it the offset would overflow what Postgres accepts,
 * and no client pages that far (a million pages of a hundred).
 */
export const MAX_PAGE = 1_000_000;

export type Constructor<T> = new (...args: never[]) => T;

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
const CACHED = Symbol('hb.validation-metadata-cached');

/**
 * class-validator works out a class's rules anew for every object it validates, and to find the
 * rules the class inherits it tests the class against every decorated class there is
 * (typestack/class-validator#2686). With the 105 decorated classes of the gateway and the 65 of
 * the memory service, that lookup was the largest single function in both services' CPU profiles
 * (about 2 % of each), paid for every command, event and request body. A class's rules are all
 * registered when it and its ancestors are defined, so the answer is kept per class and set of
 * options, and all answers are dropped whenever a rule is added. The arrays are shared:
 * class-validator and Nest's mapped types only read them.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;
  let answers = new WeakMap<object, Map<string, TargetMetadatas>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups ? `[${groups.join('\u0000')}` : ''}`;
    let forTarget = answers.get(target);
    if (!forTarget) answers.set(target, (forTarget = new Map()));
    let answer = forTarget.get(key);
    if (!answer) forTarget.set(key, (answer = lookup(target, schema, always, strictGroups, groups)));
    return answer;
  };
}
cacheValidationMetadata();

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
