// Turns any error a CLI command meets into one clear line (no stack traces) and an exit code.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, DocketError } from '@docket/sdk';

/** An error whose message is already the line the user should read. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** The one-line message for an error, given the server URL the client used (if any). */
export function describeError(err: unknown, baseURL?: string): string {
  if (err instanceof CliError) return err.message;
  if (err instanceof APIConnectionTimeoutError) return `request to Docket at ${baseURL ?? 'the server'} timed out`;
  if (err instanceof APIUserAbortError) return 'interrupted';
  if (err instanceof APIConnectionError) {
    return `cannot reach Docket at ${baseURL ?? 'the server'}: is \`npm start\` running?`;
  }
  if (err instanceof APIError && err.status !== undefined) {
    const text = err.message.replace(/^\d{3}\s+/, '');
    const code = err.code ? ` (${err.code})` : '';
    return `${err.status}: ${text}${code}`;
  }
  if (err instanceof DocketError) return err.message;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof APIUserAbortError) return 130;
  return 1;
}
