import { IsOptional, IsString, MaxLength } from 'class-validator';
import { defineQuery } from './command';

/** Answered by every service: proves the round trip and names the replica that answered. */
export class PingRequest {
  @IsOptional() @IsString() @MaxLength(256) echo?: string;
}

export interface PingResponse {
  service: string;
  instance: string;
  echo?: string;
}

export const SystemCommands = {
  Ping: defineQuery<PingRequest, PingResponse>('system.ping', PingRequest),
} as const;
