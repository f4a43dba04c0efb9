import type { ServiceName } from '@hb/contracts';
import type { KafkaBus } from './kafka-bus';

interface Sighting {
  live: boolean;
  at: number;
}

/**
 * Whether a service has a live replica, as the coordinator of its command group sees it: a
 * replica is a member until it leaves or its session times out. Looked up only while requests
 * flow, at most once per `maxAgeMs` per service and never on a request's path: a request acts on
 * the last answer, so an idle caller costs the broker nothing, and a lookup that fails (Kafka
 * itself away) forgets what was known rather than guessing.
 */
export class ServicePresence {
  private readonly sightings = new Map<ServiceName, Sighting>();
  private readonly looking = new Set<ServiceName>();

  constructor(
    private readonly bus: KafkaBus,
    private readonly maxAgeMs = 1000,
  ) {}

  /** True only when the last lookup found no replica; unknown counts as live. */
  knownDown(service: ServiceName): boolean {
    const sighting = this.sightings.get(service);
    if (!sighting || Date.now() - sighting.at >= this.maxAgeMs) this.lookUp(service);
    return sighting?.live === false;
  }

  /** A request went unanswered: look again now rather than when the last answer ages. */
  suspect(service: ServiceName): void {
    this.lookUp(service);
  }

  private lookUp(service: ServiceName): void {
    if (this.looking.has(service)) return;
    this.looking.add(service);
    this.bus
      .groupMemberCount(`${service}.commands`)
      .then(
        (members) => this.sightings.set(service, { live: members > 0, at: Date.now() }),
        () => this.sightings.delete(service),
      )
      .finally(() => this.looking.delete(service));
  }
}
