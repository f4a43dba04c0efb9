import 'reflect-metadata';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The variables every service reads. Each app's env schema extends this one. */
export class BaseEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT!: number;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hb';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Comma-separated host:port list. */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((b) => b.trim()).filter(Boolean) : value))
  @Matches(/^[\w.-]+:\d+$/, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  /** Prefix for every topic and consumer group, so several deployments (or test runs) share a cluster. */
  @IsOptional() @Matches(/^[a-zA-Z0-9_-]*$/, { message: 'KAFKA_NAMESPACE may only hold letters, digits, - and _' })
  KAFKA_NAMESPACE = '';

  /**
   * How long a replica may go silent before its consumer groups count it dead and hand its
   * partitions on. The bound on recovery after a crash (a restarted process joins the moment the
   * dead member is dropped), traded against tolerance of stalls: heartbeats go every third of it.
   * The brokers' group.min.session.timeout.ms must allow it (Kafka's default of 6 s does not).
   */
  @Type(() => Number) @IsInt() @Min(1000) @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Names this replica in logs and in its reply topic; unique per process start by default. */
  @IsString() @Matches(/^[a-zA-Z0-9_.-]+$/, { message: 'INSTANCE_ID may only hold letters, digits, ., - and _' })
  INSTANCE_ID = `${hostname().replace(/[^a-zA-Z0-9_.-]/g, '-')}-${randomBytes(3).toString('hex')}`;

  @Type(() => Number) @IsInt() @Min(100)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** false: no /metrics, and the figures are not kept (the benchmark of their cost compares the two). */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'METRICS_ENABLED must be true or false' })
  METRICS_ENABLED = true;
}

/** A comma-separated variable as a list of its trimmed, non-empty items. */
export const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value;

