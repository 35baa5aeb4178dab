/**
 * Resolves a label from the command grammar to one mark. Exact (case-insensitive, whitespace-folded) matches win;
 * only without any exact match is a fuzzy match tried, and only for labels of 4+ characters, and only when one
 * candidate is clearly best. Ambiguity or no match is an error naming the nearest candidates with their ids:
 * nothing is clicked on a guess.
 */
import type { Element } from '../../common/elements.js';

export type LabelMatch = { ok: true; element: Element; how: 'exact' | 'fuzzy' | 'mark' } | { ok: false; error: string };

export function normalizeLabel(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** 1 = identical, 0 = nothing in common (edit distance over the longer length). */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - levenshtein(a, b) / n;
}

const FUZZY_MIN = 0.75;
const FUZZY_MARGIN = 0.1;

function list(els: readonly Element[]): string {
  return els.map((e) => `#${e.id} "${e.text}"`).join(', ');
}

export function matchLabel(label: string, elements: readonly Element[]): LabelMatch {
  const want = normalizeLabel(label);
  const exact = elements.filter((e) => normalizeLabel(e.text) === want);
  if (exact.length === 1) return { ok: true, element: exact[0]!, how: 'exact' };
  if (exact.length > 1) {
    // Prefer the one known to be a control when exactly one is; otherwise ask.
    const interactive = exact.filter((e) => e.interactive);
    if (interactive.length === 1) return { ok: true, element: interactive[0]!, how: 'exact' };
    return { ok: false, error: `"${label}" matches ${exact.length} marks: ${list(exact.slice(0, 8))}; say which with #id` };
  }
  const scored = elements
    .filter((e) => e.text.trim())
    .map((e) => ({ e, s: similarity(want, normalizeLabel(e.text)) }))
    .sort((a, b) => b.s - a.s || a.e.id - b.e.id);
  const nearest = scored.slice(0, 5).map((x) => x.e);
  const best = scored[0];
  if (best && want.length >= 4 && best.s >= FUZZY_MIN && (scored.length < 2 || best.s - scored[1]!.s >= FUZZY_MARGIN)) {
    return { ok: true, element: best.e, how: 'fuzzy' };
  }
  if (best && want.length >= 4 && best.s >= FUZZY_MIN) {
    const close = scored.filter((x) => best.s - x.s < FUZZY_MARGIN).map((x) => x.e);
    return { ok: false, error: `"${label}" is close to several marks: ${list(close.slice(0, 8))}; say which with #id` };
  }
  return {
    ok: false,
    error: nearest.length
      ? `no mark reads "${label}"; nearest: ${list(nearest)}`
      : `no mark reads "${label}": nothing with text was found on screen`,
  };
}

export function matchMark(id: number, elements: readonly Element[]): LabelMatch {
  const e = elements.find((x) => x.id === id);
  if (e) return { ok: true, element: e, how: 'mark' };
  return { ok: false, error: `there is no mark #${id} on this screen (marks are #0..#${elements.length - 1})` };
}
