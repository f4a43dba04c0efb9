import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '../config/load-config';
import type { BaseEnv } from '../config/base-env';
import { JsonLogger } from '../logging/json-logger';
import { refuseDeepJson } from './json-depth';
import { PlatformModule, type PlatformOptions } from './platform.module';

export interface ServiceSpec<E extends BaseEnv> {
  service: PlatformOptions['service'];
  loadEnv(): E;
  /** What the shared plumbing needs of this service beyond its name, env and logger: its schema first. */
  platform(env: E): Omit<PlatformOptions, 'service' | 'env' | 'logger'>;
  /** The service's own modules, and what they need configured from the env. */
  imports(env: E): NonNullable<DynamicModule['imports']>;
  /** Last touches before listening (body limits, global filters). */
  configure?(app: NestExpressApplication, env: E): void;
}

/**
 * Boots a service: validated config (a bad variable stops the process, naming it), JSON logs,
 * dependencies connected before the port opens, and a graceful stop on SIGTERM bounded by
 * SHUTDOWN_TIMEOUT_MS.
 */
export async function runService<E extends BaseEnv>(spec: ServiceSpec<E>): Promise<INestApplication> {
  let env: E;
  try {
    env = spec.loadEnv();
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [String(error)];
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'fatal', service: spec.service, msg: 'invalid configuration', problems })}\n`,
    );
    process.exit(1);
  }
  const logger = new JsonLogger(spec.service, env.INSTANCE_ID, env.LOG_LEVEL);
  logProcessWarnings(logger);
  try {
    const app = await createServiceApp(spec, env, logger);
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        logger.log({ msg: 'shutting down', signal }, 'Lifecycle');
        setTimeout(() => {
          logger.error({ msg: 'graceful shutdown timed out; exiting', timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'Lifecycle');
          process.exit(1);
        }, env.SHUTDOWN_TIMEOUT_MS).unref();
      });
    }
    await app.listen(env.PORT, '0.0.0.0');
    logger.log({ msg: 'listening', port: env.PORT }, 'Lifecycle');
    return app;
  } catch (error) {
    logger.fatal({ msg: 'start-up failed', err: error instanceof Error ? error.stack : String(error) }, 'Lifecycle');
    process.exit(1);
  }
}

/**
 * The application as runService starts it, without listening or signal handling: what in-process
 * tests use, so they exercise the same middleware, filters and body limits as production.
 */
export async function createServiceApp<E extends BaseEnv>(
  spec: ServiceSpec<E>,
  env: E,
  logger: JsonLogger,
): Promise<NestExpressApplication> {
  const module: DynamicModule = {
    module: ServiceModule,
    imports: [PlatformModule.forRoot({ service: spec.service, env, logger, ...spec.platform(env) }), ...spec.imports(env)],
  };
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  // Configured first so its middleware (request ids) runs before the body parser can fail.
  spec.configure?.(app, env);
  app.useBodyParser('json', { limit: '1mb', verify: refuseDeepJson() });
  return app;
}

/** The root of every service: the platform and the service's modules (see ServiceSpec). */
@Module({})
class ServiceModule {}

/** Process warnings become JSON log lines instead of free text on stderr. */
function logProcessWarnings(logger: JsonLogger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    // kafkajs 2.2.4 arms a timer with a negative delay when a broker has never throttled it; Node
    // clamps it to 1 ms, which is what kafkajs meant, so it is noise rather than a problem.
    const level = warning.name === 'TimeoutNegativeWarning' ? 'debug' : 'warn';
    logger[level]({ msg: warning.message, warning: warning.name }, 'Process');
  });
}
