// `docket serve`: runs the API and an in-process worker pool until SIGINT/SIGTERM.
import { loadConfig } from '../config/config.ts';
import { startDocket } from '../server.ts';

export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const docket = await startDocket(config, { logger: { level: config.logLevel } });
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite under ${config.dataDir}`;
  process.stdout.write(`Docket listening on ${docket.url} (store: ${where}, workers: ${config.workerConcurrency})\n`);
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
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await docket.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
