import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../session';
import { ErrorNote, Field, Form, Head, Pager, Section, Show, formError, useAction, useLoad, when } from '../ui';

const PAGE_SIZE = 20;

export function AgentsPage() {
  const { client } = useSession();
  const [page, setPage] = useState(1);
  const agents = useLoad(() => client.agents.list({ page, limit: PAGE_SIZE }), [page]);
  return (
    <>
      <h1>Agents</h1>
      <CreateAgent />
      <Section title="Your agents">
        <Show loaded={agents} what="agents" empty={(p) => p.data.length === 0} emptyText="No agents yet: create the first above.">
          {(p) => (
            <>
              <div className="table-wrap">
                <table>
                  <Head columns={['Name', 'Model', 'Tools', 'Heartbeat', 'Created']} />
                  <tbody>
                    {p.data.map((agent) => (
                      <tr key={agent.id}>
                        <td>
                          <Link to={`/agents/${agent.id}`}>{agent.name}</Link>
                        </td>
                        <td>{agent.model ?? 'default'}</td>
                        <td>{agent.tools_enabled ? 'on' : 'off'}</td>
                        <td>{agent.heartbeat ? 'allowed' : 'off'}</td>
                        <td>{when(agent.created_at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={page} pages={Math.ceil(p.total / PAGE_SIZE)} onPage={setPage} />
            </>
          )}
        </Show>
      </Section>
    </>
  );
}

function CreateAgent() {
  const { client } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [instructions, setInstructions] = useState('');
  const action = useAction(async () => {
    const agent = await client.agents.create({ name, instructions: instructions || undefined });
    navigate(`/agents/${agent.id}`);
  });
  return (
    <Section title="Create an agent">
      <Form label="Create an agent" onSubmit={() => void action.run()}>
        <Field label="Name" name="name" error={action.error}>
          {(id, describedBy) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} />}
        </Field>
        <Field label="Instructions" name="instructions" error={action.error} hint="The system prompt the agent runs with.">
          {(id, describedBy) => <textarea id={id} rows={3} value={instructions} onChange={(e) => setInstructions(e.target.value)} aria-describedby={describedBy} />}
        </Field>
        <ErrorNote error={formError(action.error, ['name', 'instructions'])} />
        <button type="submit" disabled={action.busy}>
          Create agent
        </button>
      </Form>
    </Section>
  );
}
