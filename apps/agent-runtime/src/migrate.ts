import { runMigrationsCommand } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';

void runMigrationsCommand('agent-runtime', () => loadEnv().DATABASE_URL, DATABASE);
