import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AgentCommands } from '@hb/contracts';
import { CommandServer } from '@hb/platform';
import { AgentsService } from '../agents/agents.service';
import { SkillsService } from '../skills/skills.service';
import { RunsService } from './runs.service';

/** The Kafka edge of the runtime: each agent command to its service, payloads already validated. */
@Injectable()
export class AgentCommandsConsumer implements OnModuleInit {
  constructor(
    private readonly commands: CommandServer,
    private readonly agents: AgentsService,
    private readonly runs: RunsService,
    private readonly skills: SkillsService,
  ) {}

  onModuleInit(): void {
    this.commands.handle(AgentCommands.Create, (input) => this.agents.create(input));
    this.commands.handle(AgentCommands.Get, (input) => this.agents.get(input));
    this.commands.handle(AgentCommands.List, (input) => this.agents.list(input));
    this.commands.handle(AgentCommands.Update, (input) => this.agents.update(input));
    this.commands.handle(AgentCommands.Delete, (input) => this.agents.delete(input));
    // An invoke may wait minutes for its run: it must not hold the consumer meanwhile. The run
    // is durable in Postgres before the handler waits.
    this.commands.handle(AgentCommands.Invoke, (input) => this.runs.invoke(input), { detached: true });
    this.commands.handle(AgentCommands.RunStatus, (input) => this.runs.status(input));
    this.commands.handle(AgentCommands.Cancel, (input) => this.runs.cancel(input));
    this.commands.handle(AgentCommands.Conversations, (input) => this.runs.conversations(input));
    this.commands.handle(AgentCommands.Messages, (input) => this.runs.messages(input));
    this.commands.handle(AgentCommands.CreateSkill, (input) => this.skills.create(input));
    this.commands.handle(AgentCommands.GetSkill, (input) => this.skills.get(input));
    this.commands.handle(AgentCommands.ListSkills, (input) => this.skills.list(input));
    this.commands.handle(AgentCommands.UpdateSkill, (input) => this.skills.update(input));
    this.commands.handle(AgentCommands.DeleteSkill, (input) => this.skills.delete(input));
    this.commands.handle(AgentCommands.AttachSkill, (input) => this.skills.attach(input));
    this.commands.handle(AgentCommands.DetachSkill, (input) => this.skills.detach(input));
  }
}
