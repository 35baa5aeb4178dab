/**
 * Stage "number": puts the merged elements in reading order and numbers them; the ids are the mark numbers
 * 0..n-1 the planner and the person see. Writes ctx.elements.
 */
import type { ImageBox } from '../../../common/geometry.js';
import type { Element } from '../../../common/elements.js';
import type { Stage } from './frame.js';

export function numberStage(): Stage {
  return {
    name: 'number',
    run(ctx) {
      ctx.elements = readingOrder(ctx.merged).map(
        (f, id): Element => ({
          id,
          kind: f.kind,
          bbox: [f.box[0], f.box[1], f.box[2], f.box[3]],
          text: asciiForms(f.text),
          ...(f.shown === undefined ? {} : { shown: asciiForms(f.shown) }),
          interactive: f.interactive,
          confidence: Math.min(1, Math.max(0, f.confidence)),
          source: f.source,
        }),
      );
    },
  };
}

/**
 * Reading order: rows top to bottom, then left to right. Boxes are taken by centre y; a box joins the current row
 * when its centre lies inside the vertical span of the row's first box and the two overlap vertically by at least
 * half of the shorter one (so a tall and a short box side by side stay in one row, stacked lines do not).
 */
export function readingOrder<T extends { readonly box: ImageBox }>(items: readonly T[]): T[] {
  const cy = (b: ImageBox) => (b[1] + b[3]) / 2;
  const sorted = [...items].sort((a, b) => cy(a.box) - cy(b.box) || a.box[0] - b.box[0]);
  const rows: T[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const head = row?.[0];
    if (row && head) {
      const a = head.box;
      const b = it.box;
      const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      const c = cy(b);
      if (c >= a[1] && c <= a[3] && overlap >= 0.5 * Math.min(a[3] - a[1], b[3] - b[1])) {
        row.push(it);
        continue;
      }
    }
    rows.push([it]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.box[0] - b.box[0]));
}

/**
 * The recognizer's dictionary holds fullwidth forms (＊, ８) beside ASCII and picks them for lone glyphs. In text
 * without CJK characters they are ASCII (NFKC maps them so); Chinese text keeps its fullwidth punctuation.
 */
export function asciiForms(text: string): string {
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
