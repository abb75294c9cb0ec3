// Aligns the arrays of N votes before they are voted element by element: the vote with the most common
// length is the reference; every other vote's items are matched to the aligned slots greedily, best
// similarity first (a small bonus for the same position breaks ties); items that match nothing open new
// slots. Slots come out in the order of their items' mean relative position in the votes.
export interface AlignedSlot {
  /** One entry per vote: the vote's item in this slot, or undefined when the vote has none. */
  entries: unknown[];
  /** How many votes have an item in this slot. */
  present: number;
}

export const MATCH_THRESHOLD = 0.5;

export function alignArrays(arrays: unknown[][], similarity: (a: unknown, b: unknown) => number, threshold = MATCH_THRESHOLD): AlignedSlot[] {
  const n = arrays.length;
  if (n === 0) return [];
  const ref = referenceVote(arrays);
  const slots: { entries: unknown[]; positions: number[]; created: number }[] = [];
  const open = (vote: number, item: unknown, k: number) => {
    const entries: unknown[] = new Array(n).fill(undefined);
    entries[vote] = item;
    slots.push({ entries, positions: [relative(k, arrays[vote].length)], created: slots.length });
  };
  arrays[ref].forEach((item, k) => open(ref, item, k));
  for (let v = 0; v < n; v++) {
    if (v === ref) continue;
    const items = arrays[v];
    const pairs: { s: number; k: number; score: number }[] = [];
    slots.forEach((slot, s) => {
      const members = slot.entries.filter((e) => e !== undefined);
      const slotPos = slot.positions.reduce((a, b) => a + b, 0) / slot.positions.length;
      items.forEach((item, k) => {
        const sim = members.reduce((sum: number, m) => sum + similarity(m, item), 0) / members.length;
        if (sim >= threshold) pairs.push({ s, k, score: sim - 0.01 * Math.abs(slotPos - relative(k, items.length)) });
      });
    });
    pairs.sort((a, b) => b.score - a.score || a.s - b.s || a.k - b.k);
    const usedSlots = new Set<number>();
    const usedItems = new Set<number>();
    for (const p of pairs) {
      if (usedSlots.has(p.s) || usedItems.has(p.k)) continue;
      usedSlots.add(p.s);
      usedItems.add(p.k);
      slots[p.s].entries[v] = items[p.k];
      slots[p.s].positions.push(relative(p.k, items.length));
    }
    items.forEach((item, k) => {
      if (!usedItems.has(k)) open(v, item, k);
    });
  }
  const mean = (ps: number[]) => ps.reduce((a, b) => a + b, 0) / ps.length;
  return slots
    .map((s) => ({ ...s, pos: mean(s.positions) }))
    .sort((a, b) => a.pos - b.pos || a.created - b.created)
    .map((s) => ({ entries: s.entries, present: s.entries.filter((e) => e !== undefined).length }));
}

/** The earliest vote whose length is the most common one. */
function referenceVote(arrays: unknown[][]): number {
  const counts = new Map<number, number>();
  for (const a of arrays) counts.set(a.length, (counts.get(a.length) ?? 0) + 1);
  let best = 0;
  arrays.forEach((a, i) => {
    if (counts.get(a.length)! > counts.get(arrays[best].length)!) best = i;
  });
  return best;
}

function relative(k: number, length: number): number {
  return (k + 0.5) / Math.max(1, length);
}
