import { Injectable } from '@nestjs/common';
import { ApiKeysRepository } from '../api-keys.repository';
import { apiKeyView, type ApiKeyView } from '../api-key.view';

@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly keys: ApiKeysRepository) {}

  async execute(tenantId: string): Promise<{ keys: ApiKeyView[] }> {
    const now = new Date();
    return { keys: (await this.keys.listByTenant(tenantId)).map((key) => apiKeyView(key, now)) };
  }
}
