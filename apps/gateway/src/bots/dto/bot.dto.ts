import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AgentFields } from '@hb/contracts';
import { IsCurrentModel } from '@hb/platform';

/** A bot's settings: the agent's, by the contract's rules, in the bot face's words. */
class BotFields extends AgentFields {
  @ApiPropertyOptional({ description: 'The system prompt.' })
  declare instructions?: string;

  @ApiPropertyOptional({ description: "The model; the deployment's ANTHROPIC_MODEL when unset. A deprecated or retired model is refused." })
  @IsCurrentModel()
  declare model?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 64000 })
  declare max_tokens?: number;

  @ApiPropertyOptional({ description: 'The remember and recall tools.', default: true })
  declare tools_enabled?: boolean;

  @ApiPropertyOptional({ description: 'Heartbeats may run this bot (the Heartbeat API needs it true).' })
  declare heartbeat?: boolean;
}

/** What every bot write names: the project (the tenant) it acts in. */
class ProjectBotFields extends BotFields {
  @ApiProperty({ description: 'Project UUID (the tenant).' })
  @IsString() @Length(1, 128)
  project_id!: string;
}

export class CreateBotDto extends ProjectBotFields {
  @ApiProperty({ example: 'Daily digest bot' })
  @IsString() @Length(1, 200)
  name!: string;
}

export class UpdateBotDto extends ProjectBotFields {
  @ApiProperty({ description: 'Bot UUID (the agent id).' })
  @IsString() @Length(1, 64)
  bot_id!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 200)
  name?: string;
}

export class BotQuery {
  @ApiProperty() @IsString() @Length(1, 128) project_id!: string;
  @ApiProperty() @IsString() @Length(1, 64) bot_id!: string;
}
