// The object `extractions.stream()` returns: async-iterable over the NDJSON chunks the server
// sends (partial objects as the output grows, then the final extraction), plus finalResource().
import { DocketError } from '../core/errors.ts';
import type { Extraction } from '../resources/primitive-types.ts';
import { parseNdjson } from './ndjson.ts';

/**
 * One streamed chunk. Partial chunks carry at least the growing `output`; the last chunk is the
 * complete extraction resource. Typed loosely because partial chunks may omit any field.
 */
export type ExtractionStreamChunk = Partial<Extraction> & Record<string, unknown>;

export class ExtractionStream implements AsyncIterable<ExtractionStreamChunk> {
  private iterator: AsyncGenerator<unknown> | undefined;
  private last: ExtractionStreamChunk | undefined;
  private consumed = false;

  constructor(private readonly open: () => Promise<Response>) {}

  async *[Symbol.asyncIterator](): AsyncIterator<ExtractionStreamChunk> {
    if (this.iterator) throw new DocketError('An extraction stream can only be iterated once');
    const response = await this.open();
    if (!response.body) throw new DocketError('The extraction stream answered without a body');
    this.iterator = parseNdjson(response.body);
    for await (const chunk of this.iterator) {
      this.last = chunk as ExtractionStreamChunk;
      yield this.last;
    }
    this.consumed = true;
  }

  /** Drains what is left of the stream and returns its last object: the final extraction. */
  async finalResource(): Promise<Extraction> {
    if (!this.consumed) {
      if (this.iterator) throw new DocketError('finalResource() called while the stream is being iterated');
      for await (const _ of this) {
        // drain
      }
    }
    if (!this.last) throw new DocketError('The extraction stream ended without any object');
    return this.last as Extraction;
  }
}
