import { runMigrationsCommand } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';

void runMigrationsCommand('webhook-dispatcher', () => loadEnv().DATABASE_URL, DATABASE);
