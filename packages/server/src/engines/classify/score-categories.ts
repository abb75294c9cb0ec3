// Scores each requested category against the evidence of a document: the best of its kinds' evidence,
// word overlap of its name and description with the text (titles count more), and for the catch-all
// category a base score plus the share of prose. Returns the ranking with the clues that decided.
import type { CategoryProfile } from './category-profile.ts';
import type { Clue, Evidence } from './evidence.ts';
import { stem, words } from './text-tools.ts';

export interface CategoryScore {
  profile: CategoryProfile;
  score: number;
  clues: Clue[];
  /** Words of the category found in the document. */
  overlap: string[];
}

export interface ScoreOptions {
  /** Ignore kind evidence (word overlap only) or word overlap (kind evidence only). */
  use?: 'all' | 'cues' | 'words';
}

const FALLBACK_BASE = 1.5;

export function scoreCategories(profiles: CategoryProfile[], ev: Evidence, opts: ScoreOptions = {}): CategoryScore[] {
  const use = opts.use ?? 'all';
  const docStems = stemCounts(ev.lines.map((l) => l.text).join('\n'));
  const titleStems = new Set(stemCounts(ev.titleLines.map((l) => l.text).join('\n')).keys());
  const out: CategoryScore[] = profiles.map((profile) => {
    let score = 0;
    let clues: Clue[] = [];
    if (use !== 'words') {
      for (const k of profile.kinds) {
        const e = ev.kinds.get(k);
        if (e && e.score > score) {
          score = e.score;
          clues = e.clues;
        }
      }
      if (profile.fallback) score += FALLBACK_BASE + 3 * ev.prose;
      else if (profile.prose) score += 4 * ev.prose;
    }
    const overlap: string[] = [];
    let lexical = 0;
    if (use !== 'cues') {
      for (const s of profile.stems) {
        if (titleStems.has(s)) lexical += 1;
        else if (docStems.has(s)) lexical += 0.3;
        else continue;
        overlap.push(s);
      }
      lexical = Math.min(lexical, profile.kinds.length > 0 || profile.fallback ? 1 : 5);
      if (use === 'words' && profile.fallback) lexical += 0.5;
    }
    return { profile, score: score + lexical, clues, overlap };
  });
  return out.sort((a, b) => b.score - a.score);
}

function stemCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words(text)) {
    if (!/\p{L}{2,}/u.test(w)) continue;
    const s = stem(w);
    m.set(s, (m.get(s) ?? 0) + 1);
  }
  return m;
}

/** The winner's share of the positive score mass (0..1). */
export function winnerShare(ranked: CategoryScore[]): number {
  const mass = ranked.reduce((s, r) => s + Math.max(0, r.score), 0);
  if (ranked.length === 0) return 0;
  if (mass === 0) return round(1 / ranked.length);
  return round(Math.max(0, ranked[0].score) / mass);
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
