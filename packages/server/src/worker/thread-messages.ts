// Message shapes exchanged between the thread pool (main thread) and engine threads.
import type { Primitive, RunProgress } from '../runs/types.ts';

export interface ThreadJob {
  jobId: string;
  primitive: Primitive;
  bytes: Uint8Array;
  filename: string;
  params: Record<string, unknown>;
  model: string;
  maxPages: number;
  /** Limits for DOCX/XLSX/PPTX containers (config DOCKET_MAX_UNZIPPED_MB, DOCKET_MAX_ZIP_ENTRIES). */
  zipLimits?: { maxUnzippedBytes: number; maxEntries: number };
  /** OCR workers per engine thread and the per-image pixel limit (config DOCKET_OCR_WORKERS, DOCKET_MAX_IMAGE_PIXELS). */
  ocrWorkers?: number;
  maxImagePixels?: number;
  /** Load the document only and answer it as the output (LLM engines run on the main thread). */
  loadOnly?: boolean;
}

export type ThreadReply =
  | { type: 'progress'; jobId: string; progress: RunProgress }
  | { type: 'partial'; jobId: string; output: unknown }
  | { type: 'done'; jobId: string; output: unknown; consensus: unknown; pageCount: number; mimeType: string }
  | { type: 'error'; jobId: string; code: string; message: string; details: Record<string, unknown> | null; stack?: string };
