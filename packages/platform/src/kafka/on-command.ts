import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { CommandDefinition } from '@hb/contracts';
import type { CommandContext, CommandServer, HandleOptions } from './command-server';

const COMMAND_HANDLER = Symbol('hb:command-handler');

interface CommandHandlerMetadata {
  command: CommandDefinition<object, unknown>;
  options: HandleOptions;
}

type CommandMethod<Req, Res> = (payload: Req, context: CommandContext) => Promise<Res>;

/**
 * Marks a provider's method as the handler of a command this service answers, as `@Cron` marks a
 * scheduled job: the method's signature is checked against the command's request and reply types,
 * and the platform registers it with the command server before the service starts consuming.
 */
export function OnCommand<Req extends object, Res>(command: CommandDefinition<Req, Res>, options: HandleOptions = {}) {
  return <M extends CommandMethod<Req, Res>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const metadata: CommandHandlerMetadata = { command: command as CommandDefinition<object, unknown>, options };
    Reflect.defineMetadata(COMMAND_HANDLER, metadata, descriptor.value as object);
  };
}

/** Finds every `@OnCommand` method among the application's providers and hands it to the server. */
@Injectable()
export class CommandHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  registerAll(server: CommandServer): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no instance at start; none of them answers commands.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: unknown[]) => Promise<unknown>;
        const metadata = Reflect.getMetadata(COMMAND_HANDLER, method) as CommandHandlerMetadata | undefined;
        if (metadata) server.handle(metadata.command, method.bind(instance), metadata.options);
      }
    }
  }
}
