// Extractions: the generic primitive resource plus `stream()` (POST /v1/extractions/stream).
import type { RequestOptions } from '../core/request.ts';
import { ExtractionStream } from '../lib/extraction-stream.ts';
import { PrimitiveResource, serializeParams } from './primitive-resource.ts';
import type { Extraction, ExtractionCreateParams, ExtractionListParams } from './primitive-types.ts';

export class Extractions extends PrimitiveResource<ExtractionCreateParams, Extraction, ExtractionListParams> {
  /**
   * Streams the extraction as NDJSON: iterate for partial objects, or await `finalResource()`.
   * The request starts on first iteration (or on finalResource()).
   */
  stream(params: ExtractionCreateParams, options?: RequestOptions): ExtractionStream {
    return new ExtractionStream(async () => {
      const { background: _bg, ...rest } = params;
      const body = { ...(await serializeParams(rest)), stream: true };
      const { response } = await this.call<void>({
        method: 'POST',
        path: this.path(undefined, 'stream'),
        body,
        options,
        create: true,
        stream: true,
      });
      return response;
    });
  }
}
