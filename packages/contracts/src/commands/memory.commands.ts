import { Type } from 'class-transformer';
import { IsDateString } from 'class-validator';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ErrorDetail } from '../errors';
import { answeredBy, defineCommand, defineQuery, defineRead } from './command';
import { MAX_PAGE } from '../validation';
import { MEMORY_SORTS, MEMORY_TYPES, MemoryChanges, MemoryQuota, NewMemory, type MemoryType } from './memory-fields';

export class CreateMemoryRequest extends NewMemory {
  @IsString() @MinLength(1) tenantId!: string;
  @IsOptional() @IsString() @MinLength(1) agentId?: string;
  /** A retry with the same key answers the memory the first attempt stored. */
  @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
  @ValidateNested() @Type(() => MemoryQuota) quota!: MemoryQuota;
}

/** Memories one batch create carries at most. */
export const MAX_BATCH_MEMORIES = 100;

/** A batch create: every memory valid on its own (the gateway reports the others), one quota check. */
export class CreateMemoriesRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_MEMORIES) @ValidateNested({ each: true }) @Type(() => NewMemory)
  memories!: NewMemory[];
  @ValidateNested() @Type(() => MemoryQuota) quota!: MemoryQuota;
}

/** One line of a batch's answer, in the order the memories were sent. */
export type BatchItemResult =
  | { index: number; status: 'created'; memory: MemoryView }
  | { index: number; status: 'failed'; error: ErrorDetail };

export interface CreateMemoriesResponse {
  created: number;
  failed: number;
  results: BatchItemResult[];
}

export class MemoryRef {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) id!: string;
  /** When set, the memory must belong to this agent too. */
  @IsOptional() @IsString() agentId?: string;
}

export class UpdateMemoryRequest extends MemoryChanges {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) id!: string;
  /** When set, the memory must belong to this agent too. */
  @IsOptional() @IsString() agentId?: string;
  @ValidateNested() @Type(() => MemoryQuota) quota!: MemoryQuota;
}

export class ListMemoriesRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsOptional() @IsString() agentId?: string;
  @IsInt() @Min(1) @Max(MAX_PAGE) page!: number;
  @IsInt() @Min(1) @Max(100) limit!: number;
  @IsOptional() @IsIn(MEMORY_TYPES) type?: MemoryType;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
  @IsIn(MEMORY_SORTS) sort!: (typeof MEMORY_SORTS)[number];
  @IsIn(['asc', 'desc']) order!: 'asc' | 'desc';
}

export class SearchMemoriesRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsOptional() @IsString() agentId?: string;
  @IsString() @Length(1, 1000) query!: string;
  @IsInt() @Min(1) @Max(100) limit!: number;
  @IsOptional() @IsIn(MEMORY_TYPES) type?: MemoryType;
  @IsOptional() @IsNumber() @Min(0) @Max(1) minRelevance?: number;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

export interface MemorySearchResult {
  id: string;
  content: string;
  type: MemoryType;
  relevance: number;
  importance: number;
  tags: string[];
  metadata: Record<string, unknown>;
  agentId?: string;
  createdAt: string;
}

export interface MemorySearchResponse {
  results: MemorySearchResult[];
  query: string;
  /** Milliseconds the memory service spent, embedding included. */
  latency: number;
}

export class TimeRange {
  @IsOptional() @IsDateString() from?: string;
  @IsOptional() @IsDateString() to?: string;
}

/** Decision chains and implicit patterns take a pass over a tenant's newest memories: callers wait this long. */
export const ANALYSIS_TIMEOUT_MS = 15_000;

export class DecisionChainRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @Length(1, 1000) topic!: string;
  @IsOptional() @ValidateNested() @Type(() => TimeRange) timeRange?: TimeRange;
}

export interface DecisionStep {
  id: string;
  content: string;
  type: MemoryType;
  createdAt: string;
  relevance: number;
  isDecision: boolean;
  /** The earlier step this one follows from, or null when none is close enough. */
  ledFrom: string | null;
  /** Why it follows: similar content, shared tags, or the same person or source in metadata. */
  linkReasons: string[];
}

export interface DecisionChainResponse {
  topic: string;
  steps: DecisionStep[];
  decisions: number;
  timeRange: { from: string | null; to: string | null };
  /** A few sentences on how the decisions came about, by the configured model; null without one. */
  narrative: string | null;
}

export class ImplicitPatternsRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsInt() @Min(2) @Max(1000) minOccurrences!: number;
}

export interface PatternOccurrence {
  occurrences: number;
  /** Up to five example memories, oldest first. */
  memoryIds: string[];
}

export interface ImplicitPatternsResponse {
  /** Clusters of similar memories, labelled by their most frequent words. */
  themes: Array<PatternOccurrence & { label: string }>;
  tagCombinations: Array<PatternOccurrence & { tags: string[] }>;
  /** Weekdays or hours (UTC) holding at least twice their share of memories. */
  timeRegularities: Array<PatternOccurrence & { kind: 'weekday' | 'hour'; value: string | number }>;
  analyzed: number;
}

export class TenantUsageRequest {
  @IsString() @MinLength(1) tenantId!: string;
}

/** A memory as spec 003 shows it. */
export interface MemoryView {
  id: string;
  content: string;
  type: MemoryType;
  importance: number;
  tags: string[];
  metadata: Record<string, unknown>;
  agentId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface MemoryPage {
  memories: MemoryView[];
  pagination: { page: number; limit: number; total: number; pages: number; hasNext: boolean; hasPrevious: boolean };
}

export interface TenantUsageResponse {
  memories: number;
  storageBytes: number;
}

export const MemoryCommands = answeredBy('memory', {
  Create: defineCommand<CreateMemoryRequest, MemoryView>('memory.create', CreateMemoryRequest),
  CreateBatch: defineCommand<CreateMemoriesRequest, CreateMemoriesResponse>('memory.create-batch', CreateMemoriesRequest),
  Get: defineQuery<MemoryRef, MemoryView>('memory.get', MemoryRef),
  List: defineQuery<ListMemoriesRequest, MemoryPage>('memory.list', ListMemoriesRequest),
  Update: defineCommand<UpdateMemoryRequest, MemoryView>('memory.update', UpdateMemoryRequest),
  Delete: defineCommand<MemoryRef, { id: string }>('memory.delete', MemoryRef),
  Search: defineRead<SearchMemoriesRequest, MemorySearchResponse>('memory.search', SearchMemoriesRequest),
  DecisionChain: defineRead<DecisionChainRequest, DecisionChainResponse>('memory.decision-chain', DecisionChainRequest),
  ImplicitPatterns: defineRead<ImplicitPatternsRequest, ImplicitPatternsResponse>('memory.implicit-patterns', ImplicitPatternsRequest),
  /** How many memories a tenant holds and how many bytes they take, for usage and quotas. */
  TenantUsage: defineQuery<TenantUsageRequest, TenantUsageResponse>('memory.tenant-usage', TenantUsageRequest),
});
