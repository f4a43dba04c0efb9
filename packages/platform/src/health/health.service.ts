import { Injectable } from '@nestjs/common';
import { withTimeout } from '../kafka/kafka-bus';

export type Check = () => Promise<void>;

export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | string>;
}

/**
 * Readiness is the conjunction of named checks (Postgres, Redis, Kafka, and whatever a service
 * adds), each bounded in time so a hung dependency reads as down instead of hanging the probe.
 */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, Check>();
  private shuttingDown = false;

  register(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(timeoutMs = 2000): Promise<Readiness> {
    const names = [...this.checks.keys()];
    const results = await Promise.allSettled(
      names.map((name) => withTimeout(this.checks.get(name)!(), timeoutMs, `${name} check did not finish`)),
    );
    const checks: Readiness['checks'] = {};
    results.forEach((result, i) => {
      checks[names[i]] = result.status === 'fulfilled' ? 'up' : `down: ${reason(result.reason)}`;
    });
    if (this.shuttingDown) checks.lifecycle = 'down: shutting down';
    const ok = Object.values(checks).every((value) => value === 'up');
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
