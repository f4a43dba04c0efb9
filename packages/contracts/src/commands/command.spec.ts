import { AgentCommands, HeartbeatCommands, MemoryCommands, WebhookCommands } from './index';
import { Services } from '../topics';

describe('command definitions', () => {
  const groups = { 'agent-runtime': AgentCommands, 'heartbeat-scheduler': HeartbeatCommands, memory: MemoryCommands, 'webhook-dispatcher': WebhookCommands };

  it("carry the service that answers them: each group's own, and a service that has a command topic", () => {
    for (const [service, commands] of Object.entries(groups)) {
      expect(Services).toContain(service);
      for (const command of Object.values(commands)) expect(command.service).toBe(service);
    }
  });

  it('keep their type, validating class and query and read flags', () => {
    expect(MemoryCommands.Get).toMatchObject({ type: 'memory.get', safe: true, readOnly: true, service: 'memory' });
    expect(MemoryCommands.Search).toMatchObject({ type: 'memory.search', readOnly: true });
    expect(MemoryCommands.Search.safe).toBeUndefined();
    expect(MemoryCommands.Create.safe).toBeUndefined();
    expect(MemoryCommands.Create.readOnly).toBeUndefined();
    expect(typeof AgentCommands.Invoke.request).toBe('function');
  });

  it('have types unique across services', () => {
    const types = Object.values(groups).flatMap((commands) => Object.values(commands).map((command) => command.type));
    expect(new Set(types).size).toBe(types.length);
  });
});
