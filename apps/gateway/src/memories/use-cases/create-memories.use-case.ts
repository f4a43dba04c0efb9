import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCodes,
  MemoryCommands,
  parseAs,
  type BatchItemResult,
  type CreateMemoriesResponse,
  type NewMemory,
} from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { Principal } from '../../auth/principal';
import { CreateMemoryDto } from '../dto/create-memory.dto';
import type { CreateMemoriesDto } from '../dto/create-memories.dto';
import { MemoryQuotaResolver } from '../memory-quota.resolver';

/** What a batch's memories may weigh together, so the command and its answer stay one Kafka message each. */
export const MAX_BATCH_BYTES = 512 * 1024;
/** A batch embeds up to 100 texts before it answers: more than a single create's wait. */
const BATCH_TIMEOUT_MS = 30_000;

/**
 * `POST /api/v1/memories/batch`: every item validated as a create would be; the valid ones sent to
 * the memory service as one command; one line per item in the answer, in the order sent.
 */
@Injectable()
export class CreateMemoriesUseCase {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
  ) {}

  async execute(input: { principal: Principal; tenantId: string; body: CreateMemoriesDto }): Promise<CreateMemoriesResponse> {
    const failures: BatchItemResult[] = [];
    const valid: Array<{ index: number; memory: NewMemory }> = [];
    input.body.memories.forEach((raw, index) => {
      try {
        const { content, type, importance, tags, metadata } = parseAs(CreateMemoryDto, raw);
        valid.push({ index, memory: { content, type, importance, tags, metadata } });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const field = error.field ? `memories[${index}].${error.field}` : `memories[${index}]`;
        failures.push({ index, status: 'failed', error: { ...error.toDetail(), field } });
      }
    });
    const bytes = valid.reduce((n, v) => n + Buffer.byteLength(JSON.stringify(v.memory)), 0);
    if (bytes > MAX_BATCH_BYTES) {
      throw new DomainError(ErrorCodes.PayloadTooLarge, `memories may weigh at most ${MAX_BATCH_BYTES} bytes together; split the batch`, 'memories');
    }
    if (valid.length === 0) return { created: 0, failed: failures.length, results: failures };
    const quota = await this.quotas.resolve(input.principal, input.tenantId);
    const { tenantId } = input;
    const reply = await this.commands.request(
      MemoryCommands.CreateBatch,
      { tenantId, memories: valid.map((v) => v.memory), quota },
      { tenantId, timeoutMs: BATCH_TIMEOUT_MS },
    );
    const results = [...failures, ...reply.results.map((result) => ({ ...result, index: valid[result.index].index }))];
    results.sort((a, b) => a.index - b.index);
    return { created: reply.created, failed: results.length - reply.created, results };
  }
}
