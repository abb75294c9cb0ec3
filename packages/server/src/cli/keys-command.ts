// `docket keys create|list|revoke`: manages API keys directly in the configured store.
import { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { createApiKey, validateProjectName } from '../http/api-keys.ts';
import { openStore } from '../store/open-store.ts';
import type { RunStore } from '../store/run-store.ts';

async function withStore<T>(fn: (store: RunStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function keysCommand(): Command {
  const keys = new Command('keys').description('manage API keys (stored hashed; a key is shown only when created)');
  keys
    .command('create')
    .description('create an API key and print it')
    .option('--project <project>', 'project the key belongs to', 'default')
    .option('--name <name>', 'a label for the key')
    .action(async (o: { project: string; name?: string }) => {
      const bad = validateProjectName(o.project);
      if (bad) throw new Error(bad);
      const { key, record } = await withStore((s) => createApiKey(s, { projectId: o.project, name: o.name ?? null }));
      process.stderr.write(`created ${record.id} for project "${record.projectId}"; store it now, it is not shown again:\n`);
      process.stdout.write(key + '\n');
    });
  keys
    .command('list')
    .description('list keys (id, project, prefix, state)')
    .option('--project <project>', 'only this project')
    .action(async (o: { project?: string }) => {
      const list = await withStore((s) => s.apiKeyList({ projectId: o.project }));
      for (const k of list) {
        process.stdout.write(`${k.id}\t${k.projectId}\t${k.prefix}…\t${k.revokedAt ? 'revoked ' + k.revokedAt : 'active'}\t${k.name ?? ''}\n`);
      }
      if (list.length === 0) process.stderr.write('no keys\n');
    });
  keys
    .command('revoke')
    .description('revoke a key by id')
    .argument('<id>', 'key id (key_…)')
    .action(async (id: string) => {
      const ok = await withStore((s) => s.apiKeyRevoke({ id }));
      if (!ok) throw new Error(`no active key with id ${id}`);
      process.stdout.write(`revoked ${id}\n`);
    });
  return keys;
}
