import { DynamicModule, Global, Inject, Injectable, Module, Optional } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { platformTopicSpecs, SystemCommands, type ServiceName } from '@hb/contracts';
import type { BaseEnv } from '../config/base-env';
import { dataSourceOptions, type ServiceDatabase } from '../database/data-source-options';
import { HealthController } from '../health/health.controller';
import { HealthService } from '../health/health.service';
import { PostgresHealthRepository } from '../health/postgres-health.repository';
import { CommandClient } from '../kafka/command-client';
import { CommandServer } from '../kafka/command-server';
import { EventConsumer } from '../kafka/event-consumer';
import { CommandHandlerExplorer } from '../kafka/on-command';
import { KafkaBus } from '../kafka/kafka-bus';
import { withTimeout } from '../kafka/timing';
import type { JsonLogger } from '../logging/json-logger';
import { Metrics } from '../metrics/metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { Outbox } from '../outbox/outbox';
import { QuerySpans } from '../tracing/query-spans';
import { stopTracing, tracingStarted } from '../tracing/start';
import { OutboxRelay } from '../outbox/outbox-relay';
import { LOGGER, PLATFORM_OPTIONS, REDIS, SERVICE_ENV } from './tokens';

export interface PlatformOptions {
  service: 'gateway' | ServiceName;
  env: BaseEnv;
  logger: JsonLogger;
  database: Omit<ServiceDatabase, 'url'>;
  /** The default deadline for requests to services. */
  requestTimeoutMs?: number;
  /** A service that also sends commands to others (the gateway always does). */
  callsServices?: boolean;
}

/** How long start-up waits for Redis before the process gives up and lets its supervisor retry. */
const STARTUP_WAIT_MS = 30_000;
const DRAIN_ON_STOP_MS = 3000;

@Injectable()
class PlatformLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly bus: KafkaBus,
    private readonly dataSource: DataSource,
    private readonly health: HealthService,
    private readonly relay: OutboxRelay,
    private readonly events: EventConsumer,
    private readonly handlers: CommandHandlerExplorer,
    @Optional() private readonly commandServer?: CommandServer,
    @Optional() private readonly commandClient?: CommandClient,
  ) {}

  onModuleInit(): void {
    if (!this.commandServer) return;
    this.commandServer.handle(SystemCommands.Ping, async ({ echo }) => ({
      service: this.options.service,
      instance: this.options.env.INSTANCE_ID,
      ...(echo === undefined ? {} : { echo }),
    }));
    this.handlers.registerAll(this.commandServer);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.waitForRedis();
    await this.bus.connect();
    await this.bus.ensureTopics(platformTopicSpecs());
    const postgres = new PostgresHealthRepository(this.dataSource);
    this.health.register('postgres', () => postgres.ping());
    this.health.register('redis', async () => {
      await this.redis.ping();
    });
    this.health.register('kafka', () => this.bus.checkHealth());
    this.relay.start();
    // Side by side: each resolves after its consumers' first fetch, which on a quiet topic is a
    // full long-poll (up to a second), and nothing here needs another started first.
    await Promise.all([this.events.startAll(), this.commandServer?.start(), this.commandClient?.start()]);
    this.health.register('consumers', async () => {
      if (!this.bus.consumersFetching) throw new Error('a consumer is not fetching');
    });
    const client = this.commandClient;
    if (client) {
      this.health.register('replies', async () => {
        if (!client.isReady) throw new Error('reply consumer not running');
      });
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.health.markShuttingDown();
    // A service stops taking work first; the gateway keeps its replies flowing until its HTTP
    // server has drained (onApplicationShutdown).
    if (!this.commandClient) await this.bus.stopConsumers();
    await this.relay.stop();
    // One last pass while Postgres is still open, bounded so a Kafka outage cannot eat the whole
    // shutdown budget: whatever it leaves stays in the outbox for the next start or another replica.
    await withTimeout(this.relay.drain(), DRAIN_ON_STOP_MS, 'outbox drain').catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.commandClient?.stop();
    await this.bus.disconnect();
    this.redis.disconnect();
    await stopTracing();
  }

  private async waitForRedis(): Promise<void> {
    if (this.redis.status === 'ready') return;
    if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
    await withTimeout(
      new Promise<void>((resolve) => this.redis.once('ready', () => resolve())),
      STARTUP_WAIT_MS,
      'redis was not reachable',
    );
  }
}

/**
 * Everything a service shares: JSON logger, Postgres (its own schema), Redis, the Kafka bus with
 * the command server (services) or command client (gateway), the outbox and its relay, health
 * endpoints, and orderly start and stop.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env, logger } = options;
    const isGateway = options.service === 'gateway';
    const metrics = new Metrics(options.service, env.METRICS_ENABLED);
    const commandProviders = [
      ...(isGateway || options.callsServices
        ? [{ provide: CommandClient, useFactory: (bus: KafkaBus) => new CommandClient(bus, logger, options.requestTimeoutMs, metrics), inject: [KafkaBus] }]
        : []),
      ...(isGateway
        ? []
        : [{ provide: CommandServer, useFactory: (bus: KafkaBus) => new CommandServer(bus, options.service as ServiceName, logger), inject: [KafkaBus] }]),
    ];
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: env.DATABASE_URL, ...options.database }),
          // Statement spans only while traces are exported: with none, TypeORM calls no subscriber.
          subscribers: tracingStarted() ? [QuerySpans] : [],
          retryAttempts: 10,
          retryDelay: 2000,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        { provide: SERVICE_ENV, useValue: env },
        { provide: LOGGER, useValue: logger },
        { provide: Metrics, useValue: metrics },
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(env.REDIS_URL, {
              lazyConnect: true,
              // Fail fast instead of queueing while Redis is away: callers decide what that means.
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
              commandTimeout: 500,
              connectionName: `${options.service}-${env.INSTANCE_ID}`,
            }),
        },
        {
          provide: KafkaBus,
          useFactory: () =>
            new KafkaBus({
              brokers: env.KAFKA_BROKERS,
              service: options.service,
              instanceId: env.INSTANCE_ID,
              namespace: env.KAFKA_NAMESPACE,
              sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
              logger,
              metrics,
            }),
        },
        ...commandProviders,
        {
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, bus: KafkaBus) => new OutboxRelay(dataSource, bus, logger, { metrics }),
          inject: [DataSource, KafkaBus],
        },
        {
          provide: Outbox,
          useFactory: (dataSource: DataSource, relay: OutboxRelay) => new Outbox(dataSource, relay),
          inject: [DataSource, OutboxRelay],
        },
        {
          provide: EventConsumer,
          useFactory: (bus: KafkaBus) => new EventConsumer(bus, logger, metrics),
          inject: [KafkaBus],
        },
        HealthService,
        CommandHandlerExplorer,
        PlatformLifecycle,
      ],
      exports: [LOGGER, REDIS, PLATFORM_OPTIONS, SERVICE_ENV, Metrics, KafkaBus, ...commandProviders.map((p) => p.provide), Outbox, EventConsumer, HealthService],
    };
  }
}
