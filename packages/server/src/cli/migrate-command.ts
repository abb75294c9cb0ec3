// `docket migrate`: applies pending schema migrations to the configured store (SQLite under
// DOCKET_DATA_DIR, or PostgreSQL at DATABASE_URL) and prints the versions applied.
import { Command } from 'commander';
import { loadConfig } from '../config/config.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations to the configured store and print the versions applied')
    .action(async () => {
      const config = loadConfig();
      // Loaded on use: client commands should not load the database drivers.
      const { migrateStore } = await import('../store/migrate-store.ts');
      const r = await migrateStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      const where = r.driver === 'postgres' ? 'PostgreSQL' : `SQLite under ${config.dataDir}`;
      process.stdout.write(
        r.applied.length > 0
          ? `applied migrations ${r.applied.join(', ')} to ${where}; schema at version ${r.versions.at(-1)}\n`
          : `no migrations to apply to ${where}; schema at version ${r.versions.at(-1) ?? 'none'}\n`,
      );
    });
}
