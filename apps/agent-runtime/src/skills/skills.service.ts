import { Injectable } from '@nestjs/common';
import {
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
import { AgentsService } from '../agents/agents.service';
import { newId } from '../ids';
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

  async create(input: CreateSkillRequest): Promise<SkillView> {
    const row = await this.skills.insert({
      id: newId('skl'),
      tenant_id: input.tenantId,
      name: input.name,
      description: input.description,
      instructions: input.instructions,
    });
    if (!row) throw new DomainError(ErrorCodes.ValidationError, `a skill named ${input.name} already exists`, 'name');
    return skillView(row);
  }

  async get(ref: SkillRef): Promise<SkillView> {
    const row = await this.skills.findOwned(ref.tenantId, ref.skillId);
    if (!row) throw notFound(ref.skillId);
    return skillView(row);
  }

  async list(input: PageRequest): Promise<Page<SkillView>> {
    const { rows, total } = await this.skills.page(input.tenantId, input.limit, (input.page - 1) * input.limit);
    return { data: rows.map(skillView), total };
  }

  async update(input: UpdateSkillRequest): Promise<SkillView> {
    const row = await this.skills.update(input.tenantId, input.skillId, { description: input.description, instructions: input.instructions });
    if (!row) throw notFound(input.skillId);
    return skillView(row);
  }

  async delete(ref: SkillRef): Promise<{ id: string }> {
    if (!(await this.skills.deleteOwned(ref.tenantId, ref.skillId))) throw notFound(ref.skillId);
    return { id: ref.skillId };
  }

  async attach(input: AgentSkillRequest): Promise<AgentView> {
    await this.agents.get(input);
    await this.get(input);
    await this.skills.attach(input.agentId, input.skillId);
    return this.agents.get(input);
  }

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
