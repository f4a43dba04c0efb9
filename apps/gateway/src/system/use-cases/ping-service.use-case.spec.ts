import { ErrorCodes, SystemCommands } from '@hb/contracts';
import type { CommandClient } from '@hb/platform';
import { PingServiceUseCase } from './ping-service.use-case';

function aCommandClient(reply: object = { service: 'memory', instance: 'm-1' }) {
  const calls: unknown[][] = [];
  const client = {
    requestTo: async (...args: unknown[]) => {
      calls.push(args);
      return { ...reply, ...(args[2] as object) };
    },
  } as unknown as CommandClient;
  return { client, calls };
}

describe(PingServiceUseCase.name, () => {
  it('asks the named service and reports how long the round trip took', async () => {
    const { client, calls } = aCommandClient();
    const sut = new PingServiceUseCase(client);
    const result = await sut.execute({ service: 'memory', echo: 'x' });
    expect(calls).toEqual([['memory', SystemCommands.Ping, { echo: 'x' }]]);
    expect(result).toMatchObject({ service: 'memory', instance: 'm-1', echo: 'x' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses a service that does not exist, naming the field', async () => {
    const { client, calls } = aCommandClient();
    const sut = new PingServiceUseCase(client);
    await expect(sut.execute({ service: 'billing' })).rejects.toMatchObject({
      code: ErrorCodes.ValidationError,
      field: 'service',
    });
    expect(calls).toHaveLength(0);
  });
});
