// Stable failure codes carried in a failed run's `error.code`, and the error engines throw to end a run.

export const FAILURE_CODES = {
  unsupported_format: 'The document format is not supported',
  corrupt_document: 'The document could not be read',
  password_required: 'The document is encrypted and needs a password',
  document_too_large: 'The document exceeds the size limit',
  too_many_pages: 'The document exceeds the page limit',
  image_too_large: 'An image in the document exceeds the pixel limit',
  fetch_failed: 'The document URL could not be downloaded',
  timeout: 'The run exceeded its time limit',
  out_of_memory: 'The run exceeded its memory limit',
  worker_lost: 'The worker running this run stopped and no attempts remain',
  model_error: 'The model failed to produce an answer',
  no_form_fields: 'The PDF has no fillable form fields',
  not_implemented: 'This primitive is not implemented yet',
  invalid_request: 'The request cannot be processed',
  internal_error: 'An internal error occurred',
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

export class RunFailure extends Error {
  constructor(
    public readonly code: FailureCode | 'cancelled',
    message: string,
    public readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'RunFailure';
  }
}
