// Reconciles N model answers of an extraction into one output plus likelihoods that mirror it, through the
// shared consensus module (engines/consensus/: objects recursively, arrays aligned then voted, numbers
// within 3 %, strings by normalised views, null as a vote; likelihood = the winning share).
import { reconcile as reconcileVotes } from '../consensus/index.ts';

export type Reconcile = (outputs: unknown[], schema?: unknown) => { output: unknown; likelihoods: unknown };

export const reconcile: Reconcile = (outputs, schema) => {
  const r = reconcileVotes(outputs, { schema });
  return { output: r.value, likelihoods: r.likelihoods };
};
