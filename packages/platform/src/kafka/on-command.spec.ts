import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { MemoryCommands, answeredBy, defineCommand, defineQuery } from '@hb/contracts';
import { CommandServer, type HandleOptions } from './command-server';
import type { KafkaBus } from './kafka-bus';
import { CommandHandlerExplorer, OnCommand } from './on-command';

class NameRequest {
  @IsString() name!: string;
}
const Greetings = answeredBy('memory', {
  Greet: defineCommand<NameRequest, { greeting: string }>('test.greet', NameRequest),
  Count: defineQuery<NameRequest, { count: number }>('test.count', NameRequest),
});

@Injectable()
class GreetingService {
  private greeted = 0;

  @OnCommand(Greetings.Greet, { detached: true })
  async greet({ name }: NameRequest): Promise<{ greeting: string }> {
    this.greeted += 1;
    return { greeting: `hello ${name}` };
  }

  @OnCommand(Greetings.Count)
  async count(): Promise<{ count: number }> {
    return { count: this.greeted };
  }

  /** Not a handler: the explorer leaves it alone. */
  async reset(): Promise<void> {
    this.greeted = 0;
  }
}

type Registered = { type: string; handler: (payload: object) => Promise<unknown>; options?: HandleOptions };

describe('@OnCommand', () => {
  async function explore(): Promise<Registered[]> {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [GreetingService, CommandHandlerExplorer] }).compile();
    const registered: Registered[] = [];
    const server = {
      handle: (command: { type: string }, handler: Registered['handler'], options?: HandleOptions) => registered.push({ type: command.type, handler, options }),
    };
    moduleRef.get(CommandHandlerExplorer).registerAll(server as unknown as CommandServer);
    return registered;
  }

  it('registers each decorated method once, with its options, bound to the provider', async () => {
    const registered = await explore();
    expect(registered.map(({ type, options }) => ({ type, options }))).toEqual([
      { type: 'test.greet', options: { detached: true } },
      { type: 'test.count', options: {} },
    ]);
    const [greet, count] = registered;
    await expect(greet.handler({ name: 'ada' })).resolves.toEqual({ greeting: 'hello ada' });
    // The same instance: state the first handler changed is what the second reads.
    await expect(count.handler({ name: 'ada' })).resolves.toEqual({ count: 1 });
  });

  it("refuses a handler for a command another service answers, which would never be called", () => {
    const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const server = new CommandServer({} as KafkaBus, 'agent-runtime', logger);
    expect(() => server.handle(MemoryCommands.Get, async () => ({}) as never)).toThrow(
      'command memory.get is answered by memory, not agent-runtime',
    );
    expect(() => server.handle(Greetings.Count, async () => ({ count: 0 }))).toThrow(/answered by memory/);
  });
});
