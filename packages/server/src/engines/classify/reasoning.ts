// Puts the evidence that decided a classification into one sentence, e.g.
// "Title 'INVOICE' and labels 'Invoice No', 'Due Date', a total line 'Total 4.11' match category 'invoice'".
import type { Evidence } from './evidence.ts';
import type { CategoryScore } from './score-categories.ts';

const quote = (s: string) => `'${s.length > 48 ? s.slice(0, 45) + '…' : s}'`;

export function explain(ranked: CategoryScore[], ev: Evidence, scope: string): string {
  const top = ranked[0];
  if (!top) return 'No category was given.';
  const name = top.profile.category.name;
  const parts: string[] = [];
  const byWhat = new Map<string, string[]>();
  for (const c of top.clues) {
    if (c.what === 'mention') continue;
    const list = byWhat.get(c.what) ?? [];
    if (c.text && !list.includes(c.text)) list.push(c.text);
    if (!c.text && list.length === 0) list.push('');
    byWhat.set(c.what, list);
  }
  for (const [what, texts] of byWhat) {
    if (parts.length >= 4) break;
    const shown = texts.filter(Boolean).slice(0, 3).map(quote);
    const label = what === 'title' ? 'title' : what === 'label' ? (shown.length > 1 ? 'labels' : 'label') : what;
    parts.push(shown.length ? `${label} ${shown.join(', ')}` : `a ${label}`);
  }
  if (top.overlap.length > 0 && parts.length < 4) parts.push(`the words ${top.overlap.slice(0, 4).map(quote).join(', ')} of its name or description`);
  let sentence: string;
  if (parts.length > 0 && !(top.profile.fallback && top.clues.length === 0)) {
    sentence = `${capitalise(join(parts))} ${parts.length > 1 ? 'match' : 'matches'} category '${name}'`;
  } else if (top.profile.fallback) {
    const prose = Math.round(ev.prose * 100);
    sentence = `No cue of a more specific category was found${prose > 0 ? ` (${prose}% of the words are running prose)` : ''}, so the catch-all category '${name}' applies`;
  } else {
    sentence = `Little evidence for any category; '${name}' scored highest`;
  }
  const second = ranked[1];
  if (second) sentence += `; next was '${second.profile.category.name}' (${second.score.toFixed(1)} against ${top.score.toFixed(1)})`;
  return `${sentence} [${scope}].`;
}

function join(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
