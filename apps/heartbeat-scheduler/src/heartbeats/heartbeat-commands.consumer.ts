import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HeartbeatCommands } from '@hb/contracts';
import { CommandServer } from '@hb/platform';
import { HeartbeatLogsService } from './heartbeat-logs.service';
import { HeartbeatsService } from './heartbeats.service';

/** The Kafka edge of the scheduler: each heartbeat command to its service, payloads validated. */
@Injectable()
export class HeartbeatCommandsConsumer implements OnModuleInit {
  constructor(
    private readonly commands: CommandServer,
    private readonly heartbeats: HeartbeatsService,
    private readonly logs: HeartbeatLogsService,
  ) {}

  onModuleInit(): void {
    this.commands.handle(HeartbeatCommands.Configure, (input) => this.heartbeats.configure(input));
    this.commands.handle(HeartbeatCommands.List, (input) => this.heartbeats.list(input));
    this.commands.handle(HeartbeatCommands.Get, (input) => this.heartbeats.get(input));
    this.commands.handle(HeartbeatCommands.Enable, (input) => this.heartbeats.enable(input));
    this.commands.handle(HeartbeatCommands.Disable, (input) => this.heartbeats.disable(input));
    this.commands.handle(HeartbeatCommands.Delete, (input) => this.heartbeats.delete(input));
    // A trigger waits for its run: it must not hold the consumer.
    this.commands.handle(HeartbeatCommands.Trigger, (input) => this.heartbeats.trigger(input), { detached: true });
    this.commands.handle(HeartbeatCommands.ScheduleTask, (input) => this.heartbeats.scheduleTask(input));
    this.commands.handle(HeartbeatCommands.Logs, (input) => this.logs.logs(input));
    this.commands.handle(HeartbeatCommands.Stats, (input) => this.logs.stats(input));
  }
}
