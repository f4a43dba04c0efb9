import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, Services, SystemCommands, type PingResponse, type ServiceName } from '@hb/contracts';
import { CommandClient } from '@hb/platform';

export interface PingResult extends PingResponse {
  latencyMs: number;
}

/** Round-trips a ping to one service over Kafka: the cheapest proof that the bus and the service answer. */
@Injectable()
export class PingServiceUseCase {
  constructor(private readonly commands: CommandClient) {}

  async execute(input: { service: string; echo?: string }): Promise<PingResult> {
    if (!isService(input.service)) {
      throw new DomainError(ErrorCodes.ValidationError, `service must be one of ${Services.join(', ')}`, 'service');
    }
    const started = performance.now();
    const reply = await this.commands.requestTo(input.service, SystemCommands.Ping, { echo: input.echo });
    return { ...reply, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  }
}

function isService(name: string): name is ServiceName {
  return (Services as readonly string[]).includes(name);
}
