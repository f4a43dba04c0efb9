import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { CreateAgents1763900600000 } from './migrations/1763900600000-create-agents';
import { CreateSkills1763900700000 } from './migrations/1763900700000-create-skills';
import { AddMemoryExtraction1763900800000 } from './migrations/1763900800000-add-memory-extraction';
import { AddRunStream1763900900000 } from './migrations/1763900900000-add-run-stream';
import { CreateMcpServers1764000000000 } from './migrations/1764000000000-create-mcp-servers';

/** The agent-runtime's own schema and its migrations, in the order they apply (SQL, no entities). */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'agent_runtime',
  entities: [],
  migrations: [
    ...OUTBOX_MIGRATIONS,
    CreateAgents1763900600000,
    CreateSkills1763900700000,
    AddMemoryExtraction1763900800000,
    AddRunStream1763900900000,
    CreateMcpServers1764000000000,
  ],
};
