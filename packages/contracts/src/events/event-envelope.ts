import { IsDateString, IsInt, IsObject, IsString, IsUUID, Min, MinLength } from 'class-validator';

/**
 * The envelope of every event on Kafka. Consumers validate it on arrival and skip an `id` they
 * have already processed, since delivery is at least once.
 */
export class EventEnvelope<P extends object = Record<string, unknown>> {
  @IsUUID() id!: string;
  @IsString() @MinLength(1) type!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @MinLength(1) tenantId!: string;
  @IsDateString() occurredAt!: string;
  @IsObject() payload!: P;
}
