// Character error rate of an OCR reading against a transcription: Levenshtein distance over the truth's
// length, both sides with whitespace runs collapsed to one space (line breaks and indentation do not count).

export function normaliseForCer(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function characterErrorRate(read: string, truth: string): number {
  const a = normaliseForCer(read);
  const b = normaliseForCer(truth);
  if (b.length === 0) return a.length === 0 ? 0 : 1;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] / b.length;
}
