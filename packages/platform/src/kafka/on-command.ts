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
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const prototype = (wrapper.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!prototype || !wrapper.instance || seen.has(wrapper.instance as object)) continue;
      seen.add(wrapper.instance as object); // an alias (useExisting) is the same instance
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: unknown[]) => Promise<unknown>;
        const metadata = Reflect.getMetadata(COMMAND_HANDLER, method) as CommandHandlerMetadata | undefined;
        if (!metadata) continue;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(`${wrapper.name}.${name} answers ${metadata.command.type} but is request-scoped: a command has no request to scope it to`);
        }
        server.handle(metadata.command, method.bind(wrapper.instance), metadata.options);
      }
    }
  }
}
