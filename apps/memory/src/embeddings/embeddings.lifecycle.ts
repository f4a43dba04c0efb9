import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HealthService } from '@hb/platform';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from './embedding-provider';

/**
 * The provider's part in the service's life: ready only once the model has loaded (a missing or
 * broken model file shows as a down check, not as failed writes), and closed on shutdown (its
 * worker thread would otherwise keep the process alive).
 */
@Injectable()
export class EmbeddingsLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    private readonly health: HealthService,
  ) {}

  onModuleInit(): void {
    this.health.register('embeddings', () => this.embeddings.whenReady?.() ?? Promise.resolve());
  }

  async onModuleDestroy(): Promise<void> {
    await this.embeddings.close?.();
  }
}
