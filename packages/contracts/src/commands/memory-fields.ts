import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

/** Spec 003's memory types. */
export const MEMORY_TYPES = [
  'episodic',
  'semantic',
  'procedural',
  'working',
  'prospective',
  'emotional',
  'contextual',
  'identity',
  'relational',
  'event',
  'predictive',
  'task',
  'decision',
] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];

export const MEMORY_SORTS = ['createdAt', 'importance', 'updatedAt'] as const;
export const MAX_MEMORY_CONTENT = 10_000;
export const MAX_TAGS = 100;
/** Keeps every memory event well inside one Kafka message. */
export const MAX_METADATA_BYTES = 64 * 1024;

/** A tenant's memory caps as the gateway knows them from its plan; null means unlimited. */
export class MemoryQuota {
  @IsOptional() @IsInt() @Min(0) memories!: number | null;
  @IsOptional() @IsInt() @Min(0) storageBytes!: number | null;
}

const CONTENT_RULE = { message: `content must be 1 to ${MAX_MEMORY_CONTENT} characters` };
const FINITE = { allowNaN: false, allowInfinity: false };

/** What a memory carries beside its content and type, with the rules a create and an update share. */
export class MemoryDetails {
  @IsOptional() @IsNumber(FINITE) @Min(0) @Max(1) importance?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS) @IsString({ each: true }) @MaxLength(100, { each: true }) tags?: string[];
  @IsOptional() @IsObject() metadata?: Record<string, unknown>;
}

/** What one new memory says: the rules of a create, for one memory alone or in a batch. */
export class NewMemory extends MemoryDetails {
  @IsString() @Length(1, MAX_MEMORY_CONTENT, CONTENT_RULE) content!: string;
  @IsIn(MEMORY_TYPES, { message: `type must be one of ${MEMORY_TYPES.join(', ')}` }) type!: MemoryType;
}

/** What an update may change: any of a memory's fields but its type. */
export class MemoryChanges extends MemoryDetails {
  @IsOptional() @IsString() @Length(1, MAX_MEMORY_CONTENT, CONTENT_RULE) content?: string;
}
