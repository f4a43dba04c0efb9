import { Inject } from '@nestjs/common';

/** Injection tokens for the shared plumbing. */
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
/** The service's validated environment, typed by its app: `@InjectEnv() env: MemoryEnv`. */
export const SERVICE_ENV = Symbol('SERVICE_ENV');
export const InjectEnv = (): ParameterDecorator => Inject(SERVICE_ENV);
