import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { LOGGER, deprecationMessage, deprecationOf } from '@hb/platform';
import { AgentsRepository } from './agents.repository';

/**
 * At start, a warning for every model that agents still name and the provider has deprecated or
 * retired: their runs will fail once it is gone (the API refuses such a model for new choices).
 */
@Injectable()
export class DeprecatedModelsCheck implements OnApplicationBootstrap {
  constructor(
    private readonly agents: AgentsRepository,
    @Inject(LOGGER) private readonly logger: LoggerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { model, agents } of await this.agents.modelsInUse()) {
      const deprecation = deprecationOf(model);
      if (deprecation) {
        this.logger.warn({ msg: deprecationMessage(deprecation, 'the agents’ model'), model, agents, endOfLife: deprecation.endOfLife }, DeprecatedModelsCheck.name);
      }
    }
  }
}
