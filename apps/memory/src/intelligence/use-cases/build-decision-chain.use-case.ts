import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCodes,
  MemoryCommands,
  type DecisionChainRequest,
  type DecisionChainResponse,
} from '@hb/contracts';
import { OnCommand } from '@hb/platform';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../../embeddings/embedding-provider';
import { HybridSearch } from '../../search/hybrid-search';
import { MemoryVectorsRepository } from '../../search/memory-vectors.repository';
import { similarityOn } from '../cosine';
import { buildChain } from '../decision-chain';
import { DecisionNarrator } from '../decision-narrator';

/** The memories that bear on a topic, at most this many, and at least this relevant. */
const STEPS = 25;
const MIN_RELEVANCE = 0.3;

/**
 * Spec 003's decision chain: retrieval (hybrid search on the topic within the time range),
 * chronology, and links between steps by similarity, shared tags and shared metadata; and, when a
 * model is configured, a short narrative of it.
 */
@Injectable()
export class BuildDecisionChainUseCase {
  constructor(
    private readonly hybrid: HybridSearch,
    private readonly narrator: DecisionNarrator,
    private readonly memoryVectors: MemoryVectorsRepository,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
  ) {}

  @OnCommand(MemoryCommands.DecisionChain)
  async execute(input: DecisionChainRequest): Promise<DecisionChainResponse> {
    const from = input.timeRange?.from;
    const to = input.timeRange?.to;
    if (from && to && Date.parse(from) > Date.parse(to)) {
      throw new DomainError(ErrorCodes.ValidationError, 'timeRange.from must not be after timeRange.to', 'timeRange.from');
    }
    const hits = await this.hybrid.search({
      tenantId: input.tenantId,
      text: input.topic,
      limit: STEPS,
      minRelevance: MIN_RELEVANCE,
      filter: { createdFrom: from, createdTo: to },
    });
    const vectors = await this.memoryVectors.vectorsOf(hits.map((hit) => hit.memory.id), this.embeddings.model);
    const steps = buildChain(
      hits.map(({ memory, relevance }) => ({
        id: memory.id,
        content: memory.content,
        type: memory.type,
        tags: memory.tags,
        metadata: memory.metadata,
        createdAt: memory.createdAt,
        relevance,
        vector: vectors.get(memory.id) ?? [],
      })),
      similarityOn(this.embeddings.similarityRange),
    );
    return {
      topic: input.topic,
      steps,
      decisions: steps.filter((step) => step.isDecision).length,
      timeRange: { from: from ?? null, to: to ?? null },
      narrative: await this.narrator.narrate(input.topic, steps),
    };
  }
}
