// Request and resource types of each primitive (DESIGN.md §1, notes/retab-api.md §2).
import type { BaseCreateParams, BaseResource, FileRef, ListParams } from './shared.ts';
import type { MIMEData } from '../documents/to-document.ts';

// --- parses
export type TableParsingFormat = 'markdown' | 'yaml' | 'html' | 'json';
export interface ParseCreateParams extends BaseCreateParams {
  table_parsing_format?: TableParsingFormat;
}
export interface ParseOutput {
  pages: string[];
  text: string;
}
export interface Parse extends BaseResource<'parse', ParseOutput> {
  table_parsing_format: TableParsingFormat;
  instructions: string | null;
}
export type ParseListParams = Omit<ListParams, 'status'>;

// --- extractions
export type JsonSchema = Record<string, unknown>;
export interface ExtractionCreateParams extends BaseCreateParams {
  json_schema: JsonSchema;
  /** 1–16, default 1. */
  n_consensus?: number;
  metadata?: Record<string, string> | null;
  additional_messages?: Array<Record<string, unknown>> | null;
}
export interface ExtractionConsensus {
  choices: Array<Record<string, unknown>>;
  likelihoods: Record<string, unknown> | null;
}
export interface Extraction<TOutput = Record<string, unknown>> extends BaseResource<'extraction', TOutput> {
  json_schema: JsonSchema;
  n_consensus: number;
  instructions: string | null;
  additional_messages?: Array<Record<string, unknown>> | null;
  consensus: ExtractionConsensus | null;
}
export interface ExtractionListParams extends ListParams {
  /** Exact-match filter on run metadata; sent JSON-encoded. */
  metadata?: Record<string, string>;
  filename_regex?: string;
  filename_contains?: string;
  document_type?: string | string[];
}

// --- classifications
export interface Category {
  name: string;
  description?: string;
}
export interface ClassificationCreateParams extends BaseCreateParams {
  categories: Category[];
  first_n_pages?: number | null;
  n_consensus?: number;
}
export interface ClassificationOutput {
  reasoning: string;
  category: string;
}
export interface Classification extends BaseResource<'classification', ClassificationOutput> {
  categories: Category[];
  first_n_pages: number | null;
  n_consensus: number;
  instructions: string | null;
  /** `choices`: one vote per consensus reading (empty for n_consensus 1); `likelihoods`: the winner's agreement, 0–1. */
  consensus: ClassificationConsensus | null;
}
export interface ClassificationConsensus {
  choices: ClassificationOutput[];
  likelihoods: number;
}

// --- splits
export interface Subdocument {
  name: string;
  description?: string;
  allow_multiple_instances?: boolean;
}
export interface SplitCreateParams extends BaseCreateParams {
  subdocuments: Subdocument[];
  n_consensus?: number;
}
/** One segment: a subdocument name and its 1-based pages. Together the segments cover every page once. */
export interface SplitSegment {
  name: string;
  pages: number[];
}
export type SplitOutput = SplitSegment[];
/** Aligned with `output`: the segment name's confidence and each page's. */
export interface SplitLikelihood {
  name: number | null;
  pages: number[];
}
export interface SplitConsensus {
  choices: SplitOutput[];
  likelihoods: SplitLikelihood[];
}
export interface Split extends BaseResource<'split', SplitOutput> {
  subdocuments: Subdocument[];
  n_consensus: number;
  instructions: string | null;
  consensus: SplitConsensus | null;
}

// --- partitions
export interface PartitionCreateParams extends BaseCreateParams {
  /** Natural-language name of the identifying field, e.g. "invoice number". */
  key: string;
  instructions: string;
  n_consensus?: number;
  /** Default true. */
  allow_overlap?: boolean;
}
/** One chunk: the key's value (e.g. "INV-001"; null when a chunk has none) and its 1-based pages. */
export interface PartitionChunk {
  key: string | null;
  pages: number[];
}
export type PartitionOutput = PartitionChunk[];
export interface PartitionLikelihood {
  key: number | null;
  pages: number[];
}
export interface PartitionConsensus {
  choices: PartitionOutput[];
  likelihoods: PartitionLikelihood[];
}
export interface Partition extends BaseResource<'partition', PartitionOutput> {
  key: string;
  instructions: string;
  n_consensus: number;
  allow_overlap: boolean;
  consensus: PartitionConsensus | null;
}

// --- edits (exactly one of document / template_id)
export interface EditCreateParams extends Omit<BaseCreateParams, 'document'> {
  instructions: string;
  document?: BaseCreateParams['document'] | null;
  template_id?: string | null;
  /** Default `{color: "#000080"}`. */
  config?: { color?: string };
}
export interface FormField {
  key: string;
  description: string;
  type: 'text' | 'checkbox';
  value: string | null;
  bbox: { left: number; top: number; width: number; height: number; page: number };
}
export interface EditOutput {
  form_data: FormField[];
  filled_document: MIMEData | null;
}
export interface Edit extends BaseResource<'edit', EditOutput> {
  instructions: string;
  config: { color: string };
  template_id: string | null;
  /** Retab's durable copy of the filled file; Docket answers null (the file is in `output.filled_document`). */
  filled_document_ref?: FileRef | null;
}
export interface EditListParams extends ListParams {
  template_id?: string;
}
