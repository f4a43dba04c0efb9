import { dirname, join } from 'node:path';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** The current Sonnet, as the installed SDK's own examples name it: the default model. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/**
 * Models the SDK no longer lists because their end of life has passed (it drops a model from its
 * deprecation table once retired): requests naming them fail at the provider.
 */
const RETIRED_MODELS: Readonly<Record<string, string>> = {
  'claude-sonnet-4-5': 'November 30th, 2026',
  'claude-sonnet-4-5-20250929': 'November 30th, 2026',
};

export interface ModelDeprecation {
  model: string;
  /** As the SDK words it: "January 22nd, 2027". */
  endOfLife: string;
  /** Past its end of life: the provider refuses it. */
  retired: boolean;
}

/**
 * The installed SDK's deprecation table. The SDK reads it itself only to warn on the console and
 * does not export it, so it is loaded from its file; a test fails if an upgrade moves it.
 */
export function sdkDeprecatedModels(): Readonly<Record<string, string>> {
  const sdk = dirname(require.resolve('@anthropic-ai/sdk'));
  // An absolute path: the package's exports map does not list its internal files.
  return (require(join(sdk, 'internal/data/deprecated-models.js')) as { DEPRECATED_MODELS: Record<string, string> }).DEPRECATED_MODELS;
}

/** Whether a model is deprecated or already retired, and since when; null for a current model. */
export function deprecationOf(model: string, now: Date = new Date()): ModelDeprecation | null {
  // Own entries only: a model named "valueOf" or "__proto__" is a name like any other, not a key
  // of Object's prototype.
  const retiredOn = Object.hasOwn(RETIRED_MODELS, model) ? RETIRED_MODELS[model] : undefined;
  const deprecated = sdkDeprecatedModels();
  const endOfLife = retiredOn ?? (Object.hasOwn(deprecated, model) ? deprecated[model] : undefined);
  if (typeof endOfLife !== 'string') return null;
  const end = Date.parse(endOfLife.replace(/(\d+)(st|nd|rd|th)/, '$1'));
  return { model, endOfLife, retired: retiredOn !== undefined || (Number.isFinite(end) && end < now.getTime()) };
}

/** Says why a model may not be chosen, naming the one to use instead. */
export function deprecationMessage(deprecation: ModelDeprecation, field: string): string {
  const state = deprecation.retired ? 'was retired on' : 'is deprecated and retires on';
  return `${field} ${deprecation.model} ${state} ${deprecation.endOfLife}; use ${DEFAULT_MODEL} or another current model`;
}

/**
 * class-validator: refuses a model that has been retired and, unless `allowDeprecated`, one the SDK
 * marks deprecated (an agent is not given a model with a date to stop working).
 */
export function IsCurrentModel(rule: { allowDeprecated?: boolean } = {}, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrentModel',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => {
          const deprecation = typeof value === 'string' ? deprecationOf(value) : null;
          return deprecation === null || (!deprecation.retired && rule.allowDeprecated === true);
        },
        defaultMessage: (args) => deprecationMessage(deprecationOf(String(args?.value))!, args?.property ?? 'model'),
      },
    });
}
