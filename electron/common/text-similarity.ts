/**
 * Text comparison shared by the label matcher (agent/planner/label-match.ts), the run's mark numbers
 * (agent/loop/mark-numbers.ts) and the accessibility-tree fusion (agent/perception/stages/tree.ts), which may
 * not import each other: one normal form and one edit distance for all three.
 */

/** Case-insensitive, whitespace-folded, NFKC ("x²" is "x2", fullwidth "８" is "8"). */
export function normalizeLabel(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** OCR's usual look-alikes folded to one character: 0/O, 1/l/I/!, 5/S, x/×, -/− (input already lower-cased). */
export function foldConfusions(s: string): string {
  return s.replace(/o/g, '0').replace(/[li|!]/g, '1').replace(/s/g, '5').replace(/×/g, 'x').replace(/[−–]/g, '-');
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
