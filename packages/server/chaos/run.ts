// `npm run chaos`: kill -9 under load, in PostgreSQL mode (2 API + 2 worker processes; 300 runs, one
// worker killed and restarted, 30 cancels) and in single-node SQLite mode (one server; 1,000 runs,
// the server killed and restarted, 30 cancels); then every run is checked through the API and the
// database. Prints the counts and the lease recovery time (kill → first re-claim; PostgreSQL mode
// must stay ≤ 5 s with default settings). Flags: --short (CI: 100 runs per mode), --mode
// postgres|sqlite|both. Exits 1 on any violation.
import { chaosOptions, postgresModeUnavailable, RECOVERY_BOUND_MS, summarise } from './options.ts';
import { postgresMode, sqliteMode } from './modes.ts';

async function main(): Promise<void> {
  const short = process.argv.includes('--short');
  const modeArg = process.argv.find((a) => a.startsWith('--mode='))?.slice(7) ?? process.argv[process.argv.indexOf('--mode') + 1];
  const modes = modeArg === 'postgres' || modeArg === 'sqlite' ? [modeArg] : ['postgres', 'sqlite'];
  const log = (s: string) => process.stdout.write(s + '\n');
  let failed = false;
  for (const mode of modes as ('postgres' | 'sqlite')[]) {
    log(`\n== chaos, ${mode} mode${short ? ' (short)' : ''}`);
    if (mode === 'postgres') {
      const why = await postgresModeUnavailable();
      if (why) {
        log(`  skipped: ${why}`);
        if (modeArg === 'postgres') failed = true;
        continue;
      }
    }
    try {
      const r = await (mode === 'postgres' ? postgresMode : sqliteMode)(chaosOptions(mode, short, log));
      log(summarise(r));
      if (r.violations.length) failed = true;
      if (mode === 'postgres') {
        const ms = r.recovery?.firstReclaimMs;
        const ok = ms != null && ms <= RECOVERY_BOUND_MS;
        log(`  lease recovery bound: ${ms ?? 'no re-claim'} ms ≤ ${RECOVERY_BOUND_MS} ms → ${ok ? 'met' : 'NOT met'}`);
        if (!ok) failed = true;
      }
    } catch (err) {
      failed = true;
      log(`  FAILED: ${(err as Error).stack ?? err}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
