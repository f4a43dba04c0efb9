import { runMigrationsCommand } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';

void runMigrationsCommand('memory', () => loadEnv().DATABASE_URL, DATABASE);
