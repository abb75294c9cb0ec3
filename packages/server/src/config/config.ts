// Configuration: one schema with defaults and units, read from env (DOCKET_* and DATABASE_URL), resolved once.
import path from 'node:path';
import { modelSpecsFromEnv, type ModelSpecs } from '../models/model-config.ts';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  bootstrapKey: string | null;
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** Largest document accepted (inline or downloaded). */
  maxDocumentBytes: number;
  maxPages: number;
  /** DOCX/XLSX/PPTX containers: largest total uncompressed size and most entries (zip bombs). */
  maxUnzippedBytes: number;
  maxZipEntries: number;
  /** Heap limit of one engine thread (one run); a run that exceeds it fails out_of_memory. */
  runMemoryMb: number;
  /** tesseract.js OCR workers per engine thread (each a thread of its own). */
  ocrWorkers: number;
  /** Largest image page accepted, in pixels (checked from the header before decoding): image_too_large. */
  maxImagePixels: number;
  /** Runs executed at once by this process's worker pool (0 = API only). */
  workerConcurrency: number;
  leaseMs: number;
  heartbeatMs: number;
  maxAttempts: number;
  /** How long a sync create waits before answering with the run as it stands. */
  syncWaitMs: number;
  /** Hard time limit of one run attempt. */
  runTimeoutMs: number;
  /** After a cancel reaches a running engine, how long before its thread is terminated. */
  cancelGraceMs: number;
  /** On SIGTERM, how long running work may take to finish before it is handed back. */
  shutdownGraceMs: number;
  fetchTimeoutMs: number;
  allowPrivateUrls: boolean;
  logLevel: string;
  /** Model names mapped to backends (DOCKET_MODELS / DOCKET_CONFIG); the retab-* defaults are local. */
  models: ModelSpecs;
}

type Env = Record<string, string | undefined>;

const MiB = 1024 * 1024;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const cfg: Config = {
    host: str(env, 'DOCKET_HOST', '127.0.0.1'),
    port: int(env, 'DOCKET_PORT', 8080, 0, 65535),
    dataDir: path.resolve(str(env, 'DOCKET_DATA_DIR', './data')),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    bootstrapKey: env.DOCKET_BOOTSTRAP_KEY?.trim() || null,
    bodyLimitBytes: int(env, 'DOCKET_BODY_LIMIT_MB', 50, 1, 4096) * MiB,
    maxDocumentBytes: int(env, 'DOCKET_MAX_DOCUMENT_MB', 50, 1, 4096) * MiB,
    maxPages: int(env, 'DOCKET_MAX_PAGES', 2000, 1, 100_000),
    maxUnzippedBytes: int(env, 'DOCKET_MAX_UNZIPPED_MB', 200, 1, 16_384) * MiB,
    maxZipEntries: int(env, 'DOCKET_MAX_ZIP_ENTRIES', 10_000, 1, 1_000_000),
    runMemoryMb: int(env, 'DOCKET_RUN_MEMORY_MB', 1024, 64, 65_536),
    ocrWorkers: int(env, 'DOCKET_OCR_WORKERS', 1, 1, 64),
    maxImagePixels: int(env, 'DOCKET_MAX_IMAGE_PIXELS', 50_000_000, 1, 2_000_000_000),
    workerConcurrency: int(env, 'DOCKET_WORKER_CONCURRENCY', 2, 0, 256),
    leaseMs: int(env, 'DOCKET_LEASE_SECONDS', 3, 1, 86_400) * 1000,
    heartbeatMs: 0, // derived below
    maxAttempts: int(env, 'DOCKET_MAX_ATTEMPTS', 3, 1, 100),
    syncWaitMs: int(env, 'DOCKET_SYNC_WAIT_SECONDS', 300, 1, 86_400) * 1000,
    runTimeoutMs: int(env, 'DOCKET_RUN_TIMEOUT_SECONDS', 900, 1, 86_400) * 1000,
    cancelGraceMs: int(env, 'DOCKET_CANCEL_GRACE_MS', 2000, 0, 600_000),
    shutdownGraceMs: int(env, 'DOCKET_SHUTDOWN_GRACE_SECONDS', 10, 0, 3600) * 1000,
    fetchTimeoutMs: int(env, 'DOCKET_FETCH_TIMEOUT_SECONDS', 30, 1, 3600) * 1000,
    allowPrivateUrls: bool(env, 'DOCKET_ALLOW_PRIVATE_URLS', false),
    logLevel: str(env, 'DOCKET_LOG_LEVEL', 'info'),
    models: overrides.models ?? modelSpecsFromEnv(env),
    ...overrides,
  };
  if (!overrides.heartbeatMs) cfg.heartbeatMs = Math.max(50, Math.floor(cfg.leaseMs / 3));
  return cfg;
}

function str(env: Env, name: string, dflt: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? dflt : v.trim();
}

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got '${v}'`);
  }
  return n;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const v = env[name]?.trim().toLowerCase();
  if (!v) return dflt;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be true or false, got '${v}'`);
}
