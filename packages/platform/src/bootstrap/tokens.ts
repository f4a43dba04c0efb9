/** Injection tokens for the shared plumbing. */
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
