// `docket serve`: runs the API and an in-process worker pool until SIGINT/SIGTERM.
import { loadConfig } from '../config/config.ts';
import { type Role, startDocket } from '../server.ts';

const ROLES: Role[] = ['api', 'worker', 'all'];

export async function serveCommand(opts: { role?: string } = {}): Promise<void> {
  const role = (opts.role ?? 'all') as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}, got '${opts.role}'`);
  const config = loadConfig();
  const docket = await startDocket(config, { logger: { level: config.logLevel }, role });
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite under ${config.dataDir}`;
  if (role === 'worker') process.stdout.write(`Docket worker running (store: ${where}, workers: ${config.workerConcurrency})\n`);
  else process.stdout.write(`Docket listening on ${docket.url} (role: ${role}, store: ${where}, workers: ${role === 'api' ? 0 : config.workerConcurrency})\n`);
  if (docket.firstKey) {
    process.stdout.write(
      `\nNo API keys existed, so one was created for project "default". It is shown only this once:\n\n    ${docket.firstKey}\n\n` +
        `Use it as "Api-Key: <key>" or "Authorization: Bearer <key>". More: docket keys create --project NAME\n\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, shutting down\n`);
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 10_000);
    force.unref();
    await docket.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
