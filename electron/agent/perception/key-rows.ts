/**
 * Keys by repetition: boxes of one size lined up in a row or a column (a keypad, a toolbar, a row of tabs) are
 * controls whatever their size. A size limit alone cannot tell a 112x57 px key of a large calculator from a page
 * panel, but a panel does not come in rows of three of exactly its own size with background between them (table
 * cells, which share their walls, are told apart earlier: RectRegion.gridCell).
 */
import type { RectRegion } from './widgets.js';

/** Sides within this fraction (or 3 px) count as one size; edges within this many px count as aligned. */
const SIZE_TOL = 0.08;
const ALIGN_PX = 3;
/** Boxes of a size in one line, including itself, to be a row of keys. */
const MIN_IN_LINE = 3;

/** The boxes among `rects` that stand in a row or column of at least three boxes of their size. */
export function repeatedBoxes(rects: readonly RectRegion[]): Set<RectRegion> {
  const out = new Set<RectRegion>();
  const size = (r: RectRegion) => [r.inner[2] - r.inner[0], r.inner[3] - r.inner[1]] as const;
  const same = (a: number, b: number) => Math.abs(a - b) <= Math.max(3, SIZE_TOL * Math.max(a, b));
  for (const r of rects) {
    const [w, h] = size(r);
    let row = 1;
    let col = 1;
    for (const o of rects) {
      if (o === r) continue;
      const [ow, oh] = size(o);
      if (!same(w, ow) || !same(h, oh)) continue;
      // Apart, not nested or overlapping: keys have background between them.
      const apartX = o.inner[0] >= r.inner[2] || o.inner[2] <= r.inner[0];
      const apartY = o.inner[1] >= r.inner[3] || o.inner[3] <= r.inner[1];
      if (apartX && Math.abs(o.inner[1] - r.inner[1]) <= ALIGN_PX) row++;
      if (apartY && Math.abs(o.inner[0] - r.inner[0]) <= ALIGN_PX) col++;
    }
    if (row >= MIN_IN_LINE || col >= MIN_IN_LINE) out.add(r);
  }
  return out;
}
