// The six primitives: wire names, id prefixes, object names, the request fields each echoes,
// and the empty output shape a run shows until it completes.
import type { Primitive } from './types.ts';

export interface PrimitiveSpec {
  primitive: Primitive;
  resource: string; // URL segment under /v1
  object: string; // the resource's `object` field
  idPrefix: string;
  /** Request fields echoed on the resource (besides model, file, metadata). */
  echo: readonly string[];
  hasConsensus: boolean;
  hasStatusFilter: boolean;
  emptyOutput: () => unknown;
  emptyConsensus: () => unknown;
}

export const PRIMITIVES: Record<Primitive, PrimitiveSpec> = {
  parse: {
    primitive: 'parse', resource: 'parses', object: 'parse', idPrefix: 'prs_',
    echo: ['table_parsing_format', 'instructions'],
    hasConsensus: false, hasStatusFilter: false,
    emptyOutput: () => ({ pages: [], text: '' }),
    emptyConsensus: () => null,
  },
  extraction: {
    primitive: 'extraction', resource: 'extractions', object: 'extraction', idPrefix: 'extr_',
    echo: ['json_schema', 'n_consensus', 'instructions', 'additional_messages'],
    hasConsensus: true, hasStatusFilter: true,
    emptyOutput: () => ({}),
    emptyConsensus: () => ({ choices: [], likelihoods: null }),
  },
  classification: {
    primitive: 'classification', resource: 'classifications', object: 'classification', idPrefix: 'clss_',
    echo: ['categories', 'first_n_pages', 'n_consensus', 'instructions'],
    hasConsensus: true, hasStatusFilter: true,
    emptyOutput: () => ({ reasoning: '', category: '' }),
    emptyConsensus: () => ({ choices: [], likelihoods: 0 }),
  },
  split: {
    primitive: 'split', resource: 'splits', object: 'split', idPrefix: 'splt_',
    echo: ['subdocuments', 'n_consensus', 'instructions'],
    hasConsensus: true, hasStatusFilter: true,
    emptyOutput: () => [],
    emptyConsensus: () => ({ choices: [], likelihoods: [] }),
  },
  partition: {
    primitive: 'partition', resource: 'partitions', object: 'partition', idPrefix: 'prtn_',
    echo: ['key', 'instructions', 'n_consensus', 'allow_overlap'],
    hasConsensus: true, hasStatusFilter: true,
    emptyOutput: () => [],
    emptyConsensus: () => ({ choices: [], likelihoods: [] }),
  },
  edit: {
    primitive: 'edit', resource: 'edits', object: 'edit', idPrefix: 'edt_',
    echo: ['instructions', 'config', 'template_id'],
    hasConsensus: false, hasStatusFilter: true,
    emptyOutput: () => ({ form_data: [], filled_document: null }),
    emptyConsensus: () => null,
  },
};

export const PRIMITIVE_LIST: readonly PrimitiveSpec[] = Object.values(PRIMITIVES);
