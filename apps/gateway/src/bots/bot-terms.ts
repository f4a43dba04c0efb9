import { DomainError, type AgentView } from '@hb/contracts';

/** The runtime names agents' fields; the bot face names them its own way. */
export async function inBotTerms<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof DomainError && error.field === 'agentId') throw new DomainError(error.code, error.message.replace(/^Agent /, 'Bot '), 'bot_id');
    throw error;
  }
}

/** The Heartbeat API's bot: the platform's agent, in the bot face's words. */
export interface BotView {
  id: string;
  project_id: string;
  name: string;
  instructions: string;
  model: string | null;
  heartbeat: boolean;
  created_at: string;
  updated_at: string;
}

export function botView(agent: AgentView, projectId: string): BotView {
  return {
    id: agent.id,
    project_id: projectId,
    name: agent.name,
    instructions: agent.instructions,
    model: agent.model,
    heartbeat: agent.heartbeat,
    created_at: agent.created_at,
    updated_at: agent.updated_at,
  };
}
