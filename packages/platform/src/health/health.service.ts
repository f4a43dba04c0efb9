import { Inject, Injectable } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { LOGGER } from '../bootstrap/tokens';
import { withTimeout } from '../kafka/timing';

export type Check = () => Promise<void>;

export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

/**
 * Readiness is the conjunction of named checks (Postgres, Redis, Kafka, and whatever a service
 * adds), each bounded in time so a hung dependency reads as down instead of hanging the probe.
 * The probe answer says only up or down (it is public on the gateway); why a check went down is
 * logged once, when it changes.
 */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, Check>();
  private readonly last = new Map<string, string>();
  private shuttingDown = false;

  constructor(@Inject(LOGGER) private readonly logger: LoggerService) {}

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
      const state = result.status === 'fulfilled' ? 'up' : `down: ${reason(result.reason)}`;
      if (this.last.get(names[i]) !== state) {
        this.last.set(names[i], state);
        this.logger.warn?.({ msg: 'dependency state changed', check: names[i], state }, HealthService.name);
      }
      checks[names[i]] = state === 'up' ? 'up' : 'down';
    });
    if (this.shuttingDown) checks.lifecycle = 'down';
    const ok = Object.values(checks).every((value) => value === 'up');
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
