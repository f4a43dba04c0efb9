import { Injectable } from '@nestjs/common';
import {
  AgentCommands,
  DomainError,
  ErrorCodes,
  type AgentSkillRequest,
  type AgentView,
  type CreateSkillRequest,
  type Page,
  type PageRequest,
  type SkillRef,
  type SkillView,
  type UpdateSkillRequest,
} from '@hb/contracts';
import { OnCommand, prefixedId } from '@hb/platform';
import { AgentsService } from '../agents/agents.service';
import { SkillsRepository, type SkillRow } from './skills.repository';

function skillView({ tenant_id: _tenant, created_at, updated_at, ...rest }: SkillRow): SkillView {
  return { ...rest, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() };
}

const notFound = (skillId: string) => new DomainError(ErrorCodes.ResourceNotFound, `Skill ${skillId} not found`, 'skillId');

/** Skills: named instruction packs a tenant defines and attaches to its agents. */
@Injectable()
export class SkillsService {
  constructor(
    private readonly skills: SkillsRepository,
    private readonly agents: AgentsService,
  ) {}

  @OnCommand(AgentCommands.CreateSkill)
  async create(input: CreateSkillRequest): Promise<SkillView> {
    const row = await this.skills.insert({
      id: prefixedId('skl'),
      tenant_id: input.tenantId,
      name: input.name,
      description: input.description,
      instructions: input.instructions,
    });
    if (!row) throw new DomainError(ErrorCodes.ValidationError, `a skill named ${input.name} already exists`, 'name');
    return skillView(row);
  }

  @OnCommand(AgentCommands.GetSkill)
  async get(ref: SkillRef): Promise<SkillView> {
    const row = await this.skills.findOwned(ref.tenantId, ref.skillId);
    if (!row) throw notFound(ref.skillId);
    return skillView(row);
  }

  @OnCommand(AgentCommands.ListSkills)
  async list(input: PageRequest): Promise<Page<SkillView>> {
    const { rows, total } = await this.skills.page(input.tenantId, input.limit, (input.page - 1) * input.limit);
    return { data: rows.map(skillView), total };
  }

  @OnCommand(AgentCommands.UpdateSkill)
  async update(input: UpdateSkillRequest): Promise<SkillView> {
    const row = await this.skills.update(input.tenantId, input.skillId, { description: input.description, instructions: input.instructions });
    if (!row) throw notFound(input.skillId);
    return skillView(row);
  }

  @OnCommand(AgentCommands.DeleteSkill)
  async delete(ref: SkillRef): Promise<{ id: string }> {
    if (!(await this.skills.deleteOwned(ref.tenantId, ref.skillId))) throw notFound(ref.skillId);
    return { id: ref.skillId };
  }

  @OnCommand(AgentCommands.AttachSkill)
  async attach(input: AgentSkillRequest): Promise<AgentView> {
    await this.agents.get(input);
    await this.get(input);
    await this.skills.attach(input.agentId, input.skillId);
    return this.agents.get(input);
  }

  @OnCommand(AgentCommands.DetachSkill)
  async detach(input: AgentSkillRequest): Promise<AgentView> {
    await this.agents.get(input);
    await this.skills.detach(input.agentId, input.skillId);
    return this.agents.get(input);
  }

  /** The instructions of a skill attached to the agent, by name; null when it has none such. */
  async instructionsFor(agentId: string, name: string): Promise<string | null> {
    return (await this.skills.attachedInstructions(agentId, name)) ?? null;
  }
}
