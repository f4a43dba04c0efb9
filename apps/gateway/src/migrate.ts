import { runMigrationsCommand } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';

void runMigrationsCommand('gateway', () => loadEnv().DATABASE_URL, DATABASE);
