// Shared connection options of the client commands (--api-key, --base-url, env DOCKET_API_KEY /
// DOCKET_BASE_URL) and the @docket/sdk client built from them.
import type { Command } from 'commander';
import { Docket, DEFAULT_BASE_URL, type PrimitiveResource } from '@docket/sdk';
import { CliError } from './cli-errors.ts';

export interface ConnectionOptions {
  apiKey?: string;
  baseUrl?: string;
}

export interface Connection {
  client: Docket;
  baseURL: string;
}

/** Adds --api-key and --base-url to a client command. */
export function withConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--api-key <key>', 'API key (default: env DOCKET_API_KEY)')
    .option('--base-url <url>', `server URL (default: env DOCKET_BASE_URL, else ${DEFAULT_BASE_URL})`);
}

export function connect(o: ConnectionOptions): Connection {
  const apiKey = o.apiKey ?? process.env.DOCKET_API_KEY?.trim();
  const baseURL = (o.baseUrl ?? process.env.DOCKET_BASE_URL?.trim()) || DEFAULT_BASE_URL;
  if (!apiKey) throw new CliError('no API key: set DOCKET_API_KEY or pass --api-key (create one with `docket keys create`)');
  try {
    new URL(baseURL);
  } catch {
    throw new CliError(`base URL '${baseURL}' is not a valid URL`);
  }
  // Sync creates may wait for the run as long as the server's bound allows: a long per-attempt timeout.
  return { client: new Docket({ apiKey, baseURL, maxRetries: 1, timeout: 15 * 60_000 }), baseURL };
}

/** Resource segment for each id prefix (DESIGN.md §1). */
const PREFIXES: Record<string, 'parses' | 'extractions' | 'classifications' | 'splits' | 'partitions' | 'edits'> = {
  prs_: 'parses',
  extr_: 'extractions',
  clss_: 'classifications',
  splt_: 'splits',
  prtn_: 'partitions',
  edt_: 'edits',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResource = PrimitiveResource<any, any, any>;

export function resourceForId(client: Docket, id: string): AnyResource {
  const prefix = Object.keys(PREFIXES).find((p) => id.startsWith(p));
  if (!prefix) {
    throw new CliError(`'${id}' is not a run id: expected one of ${Object.keys(PREFIXES).map((p) => p + '…').join(', ')}`);
  }
  return client[PREFIXES[prefix]] as AnyResource;
}
