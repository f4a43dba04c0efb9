/**
 * Every Kafka topic the platform uses. A published name never changes: a breaking change gets a
 * new topic (`.v2`). Deployments may prefix them all with a namespace (see the bus package).
 */
export const Topics = {
  GatewayEvents: 'gateway.events.v1',
  AgentEvents: 'agent.events.v1',
  HeartbeatEvents: 'heartbeat.events.v1',
  MemoryEvents: 'memory.events.v1',
  WebhookEvents: 'webhook.events.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Services that answer commands; each has one command topic. */
export const Services = ['agent-runtime', 'heartbeat-scheduler', 'memory', 'webhook-dispatcher'] as const;
export type ServiceName = (typeof Services)[number];

export function commandTopic(service: ServiceName): string {
  return `${service}.commands.v1`;
}

/**
 * Services that send commands (and so read replies): the gateway, the runtime calling memory, and
 * the scheduler dispatching heartbeat runs to the runtime.
 */
export const Callers = ['gateway', 'agent-runtime', 'heartbeat-scheduler'] as const;
export type CallerName = (typeof Callers)[number];

/**
 * Replies to a caller's requests. One shared topic per calling service that each of its replicas
 * reads in a group of its own and filters by correlation id: per-replica topics would have to be
 * deleted when a replica goes, and kafkajs producers that once wrote to a deleted topic fail every
 * later send.
 */
export function replyTopic(caller: string): string {
  return `${caller}.replies.v1`;
}

export const REPLY_TOPIC = replyTopic('gateway');

/**
 * A streamed run's output as it is generated (text deltas, then its end), from whichever runtime
 * replica runs it to every gateway replica, which forwards it to the client holding the stream.
 * Ephemeral: not events, not through the outbox; a client that misses it polls the run's status.
 */
export const RUN_STREAM_TOPIC = 'agent.run-stream.v1';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Kafka topic configuration entries, e.g. retention for short-lived reply topics. */
  config?: Record<string, string>;
}

/**
 * Partition counts bound how many replicas of a consumer group work at once, so they are set
 * above any replica count we expect to run.
 */
export const EVENT_TOPIC_PARTITIONS = 6;
export const COMMAND_TOPIC_PARTITIONS = 6;

export function platformTopicSpecs(): TopicSpec[] {
  return [
    ...Object.values(Topics).map((name) => ({ name, partitions: EVENT_TOPIC_PARTITIONS })),
    ...Services.map((service) => ({
      name: commandTopic(service),
      partitions: COMMAND_TOPIC_PARTITIONS,
      // A command is useless after its caller's deadline; an hour keeps the log small.
      config: { 'retention.ms': String(60 * 60 * 1000) },
    })),
    { name: RUN_STREAM_TOPIC, partitions: COMMAND_TOPIC_PARTITIONS, config: { 'retention.ms': String(10 * 60 * 1000) } },
    ...Callers.map((caller) => ({
      name: replyTopic(caller),
      partitions: COMMAND_TOPIC_PARTITIONS,
      config: { 'retention.ms': String(10 * 60 * 1000) },
    })),
  ];
}
