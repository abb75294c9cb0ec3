// The error thrown when a request's `document` cannot be turned into bytes (bad data URI, refused or
// failed download, too large). The HTTP layer maps it to a 422/413; the worker to a run failure.

export type DocumentInputErrorCode = 'invalid_data_uri' | 'fetch_failed' | 'document_too_large' | 'url_not_allowed';

export class DocumentInputError extends Error {
  constructor(
    public readonly code: DocumentInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentInputError';
  }
}
