// `Retab`: a drop-in for @retab/node ≤1.0.156 code. Same constructor, `Api-Key` auth, positional
// create signatures, Retab's method names; answers are wire objects with camelCase aliases.
import { Docket, type ClientOptions } from '../client.ts';
import { readEnv } from '../core/env.ts';
import type { ExtractionStream } from '../lib/extraction-stream.ts';
import type * as T from '../resources/primitive-types.ts';
import { mapCreateArgs, type PositionalLayout } from './positional.ts';
import { RetabEditTemplates } from './retab-edit-templates.ts';
import { RetabResource } from './retab-resource.ts';

export interface RetabOptions extends Omit<ClientOptions, 'baseURL'> {
  /** Retab's spelling; `baseURL` also works. A trailing `/v1` is stripped. */
  baseUrl?: string;
  baseURL?: string;
  /** Which @retab/node argument order `create(...)` follows. @default 'v1.0.149' (1.0.149–1.0.156) */
  positionalLayout?: PositionalLayout;
}

/** The underlying client, sending `Api-Key` like @retab/node ≤1.0.156. */
class ApiKeyDocket extends Docket {
  protected override authHeaders(): Record<string, string> {
    return { 'Api-Key': this.apiKey };
  }
}

class RetabExtractions extends RetabResource<T.Extraction> {
  create_extraction_cancel(id: string) {
    return this.cancelRun(id);
  }
  /** Same arguments as create; returns the live NDJSON stream (iterate, or `finalResource()`). */
  create_stream(...args: unknown[]): ExtractionStream {
    return this.openStream(mapCreateArgs('extractions', args, this.layout));
  }
}
class RetabParses extends RetabResource<T.Parse> {
  cancel(id: string) {
    return this.cancelRun(id);
  }
}
class RetabClassifications extends RetabResource<T.Classification> {
  create_classification_cancel(id: string) {
    return this.cancelRun(id);
  }
}
class RetabSplits extends RetabResource<T.Split> {
  create_split_cancel(id: string) {
    return this.cancelRun(id);
  }
}
class RetabPartitions extends RetabResource<T.Partition> {
  create_partition_cancel(id: string) {
    return this.cancelRun(id);
  }
}
class RetabEdits extends RetabResource<T.Edit> {
  readonly templates = new RetabEditTemplates(this.client);
  create_edit_cancel(id: string) {
    return this.cancelRun(id);
  }
}

export class Retab {
  /** The Docket client underneath, for Docket-only helpers (createAndPoll, list paging, …). */
  readonly docket: Docket;
  readonly extractions: RetabExtractions;
  readonly parses: RetabParses;
  readonly classifications: RetabClassifications;
  readonly splits: RetabSplits;
  readonly partitions: RetabPartitions;
  readonly edits: RetabEdits;

  constructor(options: RetabOptions = {}) {
    const { baseUrl, baseURL, positionalLayout = 'v1.0.149', ...rest } = options;
    this.docket = new ApiKeyDocket({
      ...rest,
      apiKey: rest.apiKey ?? readEnv('RETAB_API_KEY') ?? readEnv('DOCKET_API_KEY'),
      baseURL: baseUrl ?? baseURL ?? readEnv('DOCKET_BASE_URL'),
    });
    const c = this.docket;
    this.extractions = new RetabExtractions(c, 'extractions', positionalLayout);
    this.parses = new RetabParses(c, 'parses', positionalLayout);
    this.classifications = new RetabClassifications(c, 'classifications', positionalLayout);
    this.splits = new RetabSplits(c, 'splits', positionalLayout);
    this.partitions = new RetabPartitions(c, 'partitions', positionalLayout);
    this.edits = new RetabEdits(c, 'edits', positionalLayout);
  }
}
