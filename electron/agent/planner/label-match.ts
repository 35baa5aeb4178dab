/**
 * Resolves a label from the command grammar to one mark, trying in order, and stopping at the first step that
 * finds anything:
 * 1. exact: case-insensitive, whitespace-folded, NFKC (so "x²" is "x2") text equality;
 * 2. symbol: what people type for a symbol the screen shows instead (`*` or `x` for ×, `-` for −, `/` for ÷,
 *    `sqrt` for √, `pi` for π, `menu` for ☰, `close` or `x` for ✕, ...; SYMBOL_ALIASES), and the reverse (`×`
 *    for a key that reads `*`), each alias in its listed order;
 * 3. confusion: labels of 2+ characters (not all look-alikes) equal once OCR's usual confusions are folded (0/O,
 *    1/l/I/!, 5/S, x/×, -/−: "ln" read as "1n", "STO" as "ST0", "x!" as "xI", "1/x" as "1/×"), only when exactly
 *    one mark fits; and the digit 0, 1 or 5 for the one keypad key read as its letter (keypadLookAlike);
 * 4. fuzzy: edit distance, only for labels of 4+ characters, and only when one candidate is clearly best.
 * Where a step finds several marks, the one that matches in case too wins ("e" and "E" are two calculator keys),
 * then the one that is a control; otherwise it is an error naming them. No match is
 * an error naming the nearest candidates with their ids: nothing is clicked on a guess.
 */
import type { Element } from '../../common/elements.js';
import { foldConfusions, levenshtein, normalizeLabel, similarity } from '../../common/text-similarity.js';
import { ownValue } from '../../common/own-key.js';

// Moved to common (the tree fusion in perception/ uses them too); exported here as before for the callers.
export { foldConfusions, levenshtein, normalizeLabel, similarity };

export type LabelMatch =
  | { ok: true; element: Element; how: 'exact' | 'symbol' | 'confusion' | 'fuzzy' | 'mark' }
  | { ok: false; error: string };

/**
 * What a person may type (key, after normalizeLabel) for a symbol a control shows (values, tried in order). Only
 * used when no mark reads the typed label itself.
 */
export const SYMBOL_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '*': ['×', '∗', 'x'],
  x: ['×', '✕', '✖'],
  '×': ['*', '∗', 'x', '✕'],
  '✕': ['×', 'x', '✖'],
  '-': ['−', '–', '—', '‐'],
  '−': ['-', '–', '—'],
  '–': ['−', '-'],
  '/': ['÷', '∕'],
  '÷': ['/'],
  '+/-': ['±'],
  '+-': ['±', '+/-'],
  '±': ['+/-'],
  sqrt: ['√'],
  root: ['√'],
  '√': ['sqrt'],
  pi: ['π'],
  'π': ['pi'],
  'x^2': ['x2'],
  square: ['x2'],
  menu: ['☰', '≡'],
  more: ['⋮', '⋯', '...'],
  settings: ['⚙'],
  close: ['✕', '×', 'x'],
  minimize: ['_', '−', '-'],
  search: ['🔍'],
  play: ['▶'],
  back: ['←', '◀'],
  forward: ['→', '▶'],
  left: ['←', '◀'],
  right: ['→', '▶'],
  up: ['↑', '▲'],
  down: ['↓', '▼'],
  star: ['★'],
  favorite: ['★'],
  heart: ['♥'],
  check: ['✓'],
  plus: ['+'],
  minus: ['−', '-'],
  times: ['×', '*'],
  multiply: ['×', '*'],
  divide: ['÷', '/'],
  equals: ['='],
  percent: ['%'],
};

const FUZZY_MIN = 0.75;
const FUZZY_MARGIN = 0.1;

function list(els: readonly Element[]): string {
  return els.map((e) => `#${e.id} "${e.text}"`).join(', ');
}

/** One mark of several that read the same: the one control among them, or an error asking which. */
function pick(label: string, found: readonly Element[], how: 'exact' | 'symbol' | 'confusion', shown?: string): LabelMatch {
  if (found.length === 1) return { ok: true, element: found[0]!, how };
  // The one that matches in case too ("e" and "E" are two keys of a calculator).
  const cased = (t: string) => t.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const sameCase = found.filter((e) => cased(e.text) === cased(label));
  if (sameCase.length === 1) return { ok: true, element: sameCase[0]!, how };
  // Prefer the one known to be a control when exactly one is; otherwise ask.
  const interactive = found.filter((e) => e.interactive);
  if (interactive.length === 1) return { ok: true, element: interactive[0]!, how };
  const as = shown === undefined ? '' : ` (read as "${shown}")`;
  return { ok: false, error: `"${label}"${as} matches ${found.length} marks: ${list(found.slice(0, 8))}; say which with #id` };
}

export function matchLabel(label: string, elements: readonly Element[]): LabelMatch {
  const want = normalizeLabel(label);
  const texts = elements.map((e) => normalizeLabel(e.text));
  const exact = elements.filter((_, i) => texts[i] === want);
  if (exact.length) return pick(label, exact, 'exact');
  for (const alias of ownValue(SYMBOL_ALIASES, want) ?? []) {
    const a = normalizeLabel(alias);
    const found = elements.filter((_, i) => texts[i] === a);
    if (found.length) return pick(label, found, 'symbol', alias);
  }
  // A label made only of look-alike characters ("lo", "10") says too little to be folded.
  if ([...want].length >= 2 && /[^0o1li|!5s]/.test(want)) {
    const folded = foldConfusions(want);
    const found = elements.filter((_, i) => texts[i]!.length >= 2 && foldConfusions(texts[i]!) === folded);
    if (found.length) return pick(label, found, 'confusion');
  }
  const key = keypadLookAlike(want, elements, texts);
  if (key) return { ok: true, element: key, how: 'confusion' };
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

/**
 * A digit key of a keypad that OCR read as its letter look-alike (xcalc's 0 drawn as a plain oval reads "O"). A
 * lone character says too little to fold in general ("O" is a letter key on a keyboard), so this holds only when:
 * the person typed the digit 0, 1 or 5; no mark reads that digit; exactly one control reads a single look-alike
 * (O; l, I, | or !; S); and at least 5 other controls read single digits (the key sits in a keypad). Any doubt:
 * undefined, and the caller says no mark reads it.
 */
function keypadLookAlike(want: string, elements: readonly Element[], texts: readonly string[]): Element | undefined {
  if (!/^[015]$/.test(want)) return undefined;
  const candidates = elements.filter((e, i) => e.interactive && texts[i]!.length === 1 && texts[i] !== want && foldConfusions(texts[i]!) === want);
  if (candidates.length !== 1) return undefined;
  const digits = new Set(elements.filter((e, i) => e.interactive && /^[0-9]$/.test(texts[i]!)).map((e) => normalizeLabel(e.text)));
  return digits.size >= 5 ? candidates[0] : undefined;
}

export function matchMark(id: number, elements: readonly Element[]): LabelMatch {
  const e = elements.find((x) => x.id === id);
  if (e) return { ok: true, element: e, how: 'mark' };
  return { ok: false, error: `there is no mark #${id} on this screen (marks are #0..#${elements.length - 1})` };
}
