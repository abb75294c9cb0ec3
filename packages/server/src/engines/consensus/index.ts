// The consensus module: pure functions that reconcile N votes of one primitive into an output and
// likelihoods (see docs/consensus.md). No I/O; engines call it after producing their N readings.
export { reconcile, itemSimilarity, roundLikelihood, type ReconcileOptions, type Reconciled } from './reconcile.ts';
export { voteScalar, sameScalar, numbersClose, NUMBER_TOLERANCE } from './scalars.ts';
export { stringViews, sameByViews, stringSimilarity } from './views.ts';
export { alignArrays } from './align.ts';
export { voteCategory, reconcileSplits, reconcilePartitions, type CategoryVote, type SplitSegment, type PartitionChunk } from './segments.ts';
