import { InvalidArgumentError } from 'commander';

// Parsers of option values: what one refuses is a usage error, as commander reports it.

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Not a whole number of 1 or more.');
  return n;
}

/** A number from 0 to 1, as importance and relevance are. */
export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('Not a number from 0 to 1.');
  return n;
}

export function jsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('Not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError('Not a JSON object.');
  return parsed as Record<string, unknown>;
}

/** For an option given once per value (`--tag a --tag b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** For an option given once per value, each one of `choices` (commander's own choices take one value only). */
export function collectChoices<T extends string>(choices: readonly T[]): (value: string, previous?: T[]) => T[] {
  return (value, previous = []) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return [...previous, value as T];
  };
}
