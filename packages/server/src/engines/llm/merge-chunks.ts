// Merging the answers for page chunks of a long document. Extraction: arrays concatenate, objects merge
// key by key, scalars keep the non-null value (the more confident one when likelihoods exist, else the
// earlier chunk's). Split and partition stitching live with their engines.

export interface Scored {
  output: unknown;
  likelihoods: unknown;
}

export function mergeExtractions(parts: Scored[]): Scored {
  return parts.reduce((acc, p) => mergeValue(acc, p));
}

function mergeValue(a: Scored, b: Scored): Scored {
  const [va, vb] = [a.output, b.output];
  if (va === null || va === undefined) return b;
  if (vb === null || vb === undefined) return a;
  if (Array.isArray(va) && Array.isArray(vb)) {
    const la = Array.isArray(a.likelihoods) ? a.likelihoods : va.map(() => null);
    const lb = Array.isArray(b.likelihoods) ? b.likelihoods : vb.map(() => null);
    return { output: [...va, ...vb], likelihoods: a.likelihoods === null && b.likelihoods === null ? null : [...la, ...lb] };
  }
  if (isObject(va) && isObject(vb)) {
    const output: Record<string, unknown> = {};
    const likelihoods: Record<string, unknown> = {};
    const la = isObject(a.likelihoods) ? a.likelihoods : {};
    const lb = isObject(b.likelihoods) ? b.likelihoods : {};
    for (const k of new Set([...Object.keys(va), ...Object.keys(vb)])) {
      const m = mergeValue({ output: va[k] ?? null, likelihoods: la[k] ?? null }, { output: vb[k] ?? null, likelihoods: lb[k] ?? null });
      output[k] = m.output;
      likelihoods[k] = m.likelihoods;
    }
    return { output, likelihoods: a.likelihoods === null && b.likelihoods === null ? null : likelihoods };
  }
  const ca = typeof a.likelihoods === 'number' ? a.likelihoods : -1;
  const cb = typeof b.likelihoods === 'number' ? b.likelihoods : -1;
  return cb > ca ? b : a;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
