// Run domain types shared by every layer. No I/O, no framework imports.

export type Primitive = 'parse' | 'extraction' | 'classification' | 'split' | 'partition' | 'edit';

export const RUN_STATUSES = ['pending', 'queued', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];
export const isTerminal = (s: RunStatus): boolean => TERMINAL_STATUSES.includes(s);

export interface RunError {
  code: string;
  message: string;
  details: Record<string, unknown> | null;
}

export interface RunProgress {
  stage: string;
  completed: number;
  total: number | null;
  unit: string;
}

export interface FileRef {
  id: string; // file_<sha256 prefix>
  filename: string;
  mime_type: string;
}

/** A run as the store keeps it. `params` holds the echoed request fields (snake_case). */
export interface Run {
  id: string;
  primitive: Primitive;
  projectId: string;
  status: RunStatus;
  model: string;
  file: FileRef | null;
  /** Content hash of the document bytes in the blob store (null for template-based edits until resolved). */
  blobKey: string | null;
  params: Record<string, unknown>;
  metadata: Record<string, string> | null;
  output: unknown | null; // null until completed
  consensus: unknown | null;
  error: RunError | null;
  usage: { credits: number; page_count: number } | null;
  progress: RunProgress | null;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: string | null; // ISO
  cancelRequestedAt: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
}
