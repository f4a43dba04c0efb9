import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AgentFields, BUSY_STRATEGIES, MAX_INVOKE_MESSAGE, MAX_SKILL_INSTRUCTIONS, type BusyStrategy } from '@hb/contracts';
import { DEFAULT_MODEL, IsCurrentModel } from '@hb/platform';

/** Everything of an agent but its name: the contract's rules, documented, and the admin key's tenant. */
class AgentSettingsDto extends AgentFields {
  @ApiPropertyOptional({ description: 'The system prompt.', example: 'You answer customer questions briefly and kindly.' })
  declare instructions?: string;

  @ApiPropertyOptional({
    description: "The model; the deployment's ANTHROPIC_MODEL when unset or null (an update with null goes back to it). A model the provider has deprecated or retired is refused.",
    example: DEFAULT_MODEL,
    type: String,
    nullable: true,
  })
  @IsCurrentModel()
  declare model?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 64000, default: 4096 })
  declare max_tokens?: number;

  @ApiPropertyOptional({ description: 'The remember and recall tools.', default: true })
  declare tools_enabled?: boolean;

  @ApiPropertyOptional({ description: "The Heartbeat API's flag: heartbeats may run this agent.", default: false })
  declare heartbeat?: boolean;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.', example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

export class CreateAgentDto extends AgentSettingsDto {
  @ApiProperty({ example: 'Support assistant', minLength: 1, maxLength: 200 })
  @IsString() @Length(1, 200)
  name!: string;
}

export class UpdateAgentDto extends AgentSettingsDto {
  @ApiPropertyOptional({ example: 'Support assistant', minLength: 1, maxLength: 200 })
  @IsOptional() @IsString() @Length(1, 200)
  name?: string;
}

export class InvokeDto {
  @ApiProperty({ description: 'The message to send to the agent.', example: 'Hello agent!' })
  @IsString() @Length(1, MAX_INVOKE_MESSAGE)
  message!: string;

  @ApiPropertyOptional({ description: 'true: answer when the run ends. false (default): 202 at once, then poll the status.', default: false })
  @IsOptional() @IsBoolean()
  wait?: boolean;

  @ApiPropertyOptional({ description: 'Answer Server-Sent Events of the reply as it is generated (wait is then implied).', default: false })
  @IsOptional() @IsBoolean()
  stream?: boolean;

  @ApiPropertyOptional({ description: 'Continue this conversation instead of starting one.', example: 'conv_xyz789' })
  @IsOptional() @IsString() @Length(1, 64)
  conversation_id?: string;

  @ApiPropertyOptional({
    enum: BUSY_STRATEGIES,
    default: 'enqueue',
    description:
      'When conversation_id has a run going or waiting: reject (409 CONVERSATION_BUSY), enqueue (run after it), or interrupt (end those runs as interrupted, their messages kept in the conversation, and run this one next).',
  })
  @IsOptional() @IsIn(BUSY_STRATEGIES, { message: `multitask_strategy must be one of ${BUSY_STRATEGIES.join(', ')}` })
  multitask_strategy?: BusyStrategy;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

export class CreateAgentKeyDto {
  @ApiProperty({ example: 'Zapier integration', minLength: 1, maxLength: 100 })
  @IsString() @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ description: 'Unix seconds.' })
  @IsOptional() @IsInt()
  expiresAt?: number;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

export class UpdateSkillDto {
  @ApiPropertyOptional({ description: 'What the skill is for: the model sees it and decides when to load the skill.', example: 'How to write a refund email.' })
  @IsOptional() @IsString() @Length(1, 1000)
  description?: string;

  @ApiPropertyOptional({ description: 'What the model reads when it loads the skill.' })
  @IsOptional() @IsString() @Length(1, MAX_SKILL_INSTRUCTIONS)
  instructions?: string;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

export class CreateSkillDto {
  @ApiProperty({ description: 'Lowercase letters, digits, - and _; unique in the tenant.', example: 'refund-emails' })
  @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'name must be 1 to 64 lowercase letters, digits, - or _' })
  name!: string;

  @ApiProperty({ example: 'How to write a refund email.' })
  @IsString() @Length(1, 1000)
  description!: string;

  @ApiProperty({ example: 'Apologise once, state the amount and the date, sign with the team name.' })
  @IsString() @Length(1, MAX_SKILL_INSTRUCTIONS)
  instructions!: string;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
