import { AgentEventTypes, Topics } from '@hb/contracts';
import { creditsFor, historyOf, runEndedEvent } from './run-rules';
import type { RunRow } from './run-rows';

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

describe(historyOf.name, () => {
  it('keeps alternating turns as they are', () => {
    expect(historyOf([user('hi'), assistant('hello'), user('how are you'), assistant('well')])).toEqual([
      user('hi'),
      assistant('hello'),
      user('how are you'),
      assistant('well'),
    ]);
  });

  it("merges a failed run's unanswered message into the next user turn", () => {
    expect(historyOf([user('first'), user('again'), assistant('answer')])).toEqual([user('first\n\nagain'), assistant('answer')]);
  });

  it('starts with the user, and keeps a last message left unanswered (the new one joins it)', () => {
    expect(historyOf([assistant('cut off by the limit'), user('q'), assistant('a'), user('unanswered')])).toEqual([user('q'), assistant('a'), user('unanswered')]);
    expect(historyOf([])).toEqual([]);
  });

  it('leaves out the empty answer of an interrupted run that wrote nothing', () => {
    expect(historyOf([user('q'), assistant('a'), user('interrupted'), assistant(''), user('after')])).toEqual([user('q'), assistant('a'), user('interrupted\n\nafter')]);
  });

  it('does not change the turns it was given', () => {
    const turns = [user('a'), user('b'), assistant('c')];
    historyOf(turns);
    expect(turns).toEqual([user('a'), user('b'), assistant('c')]);
  });
});

describe(creditsFor.name, () => {
  it('charges every started credit', () => {
    expect(creditsFor(0, 0, 1000)).toBe(0);
    expect(creditsFor(1, 0, 1000)).toBe(1);
    expect(creditsFor(600, 400, 1000)).toBe(1);
    expect(creditsFor(600, 401, 1000)).toBe(2);
  });
});

describe(runEndedEvent.name, () => {
  const started = new Date('2026-01-01T00:00:00Z');
  const row: RunRow = {
    id: 'run_1',
    tenant_id: 'tenant_1',
    agent_id: 'agent_1',
    conversation_id: 'conv_1',
    status: 'completed',
    trigger: 'heartbeat',
    message: 'wake up',
    memory_quota: { memories: null, storageBytes: null },
    idempotency_key: 'log_1',
    stream_id: null,
    response: 'done',
    error: null,
    input_tokens: 10,
    output_tokens: 5,
    credits: 1,
    created_at: started,
    started_at: started,
    deadline_at: null,
    finished_at: new Date(started.getTime() + 1500),
  };

  it('publishes a completed run on the agent events topic, keyed by its conversation', () => {
    expect(runEndedEvent(row)).toEqual({
      topic: Topics.AgentEvents,
      aggregateId: 'conv_1',
      tenantId: 'tenant_1',
      type: AgentEventTypes.RunCompleted,
      payload: expect.objectContaining({
        run_id: 'run_1',
        status: 'completed',
        response: 'done',
        agent_id: 'agent_1',
        trigger: 'heartbeat',
        duration_ms: 1500,
        idempotency_key: 'log_1',
      }),
    });
  });

  it('publishes a failed run as run.failed, with no duration when it never started', () => {
    const failed = runEndedEvent({ ...row, status: 'failed', response: null, error: { code: 'cancelled', message: 'x' }, started_at: null });
    expect(failed.type).toBe(AgentEventTypes.RunFailed);
    expect(failed.payload).toMatchObject({ status: 'failed', error: { code: 'cancelled' }, duration_ms: 0 });
  });
});
