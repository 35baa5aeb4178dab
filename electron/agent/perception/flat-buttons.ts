/**
 * Flat buttons: controls drawn as a fill a few levels off the window's colour with no border (GTK 4 / libadwaita
 * keys, many web buttons), or with only a subtle border or shadow. Widget analysis (widgets.ts) finds interiors
 * bounded by edges of >= 24 levels; these fills differ from the window by 8-20 levels, and their anti-aliased
 * rounded corners step down in even smaller increments, so at 24 the interior leaks out into the window through a
 * corner. A second pass of the same region analysis at a faint threshold closes them.
 *
 * A faint threshold also closes things that are not controls, so a faint region is kept only when it is shaped
 * like one (no sizes or colours of any one toolkit):
 * - not a region widget analysis already found (same box), not a table cell (walls shared on both axes);
 * - every text line the detector found over it lies inside it, clear of its walls at both ends, or reaches past
 *   it with no ink beside it (the detector's one box around the glyphs of several small buttons). A highlight
 *   behind a word (inline code), a table stripe or a page panel cut by text fails: its text touches or crosses its
 *   edge;
 * - with no text line over it, some ink inside (an icon, a glyph the detector missed) and not a bar: an empty
 *   tinted area is layout, not a control.
 * What becomes of a kept region (button, field, checkbox, or nothing) is decided with the OCR text in merge.ts,
 * exactly as for the regions widget analysis finds.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage } from '../ports.js';
import { insideFraction, intersection, iou } from './merge.js';
import type { Rect } from './resize.js';
import { findRectRegions, type RectRegion } from './widgets.js';

/** Channel difference (levels) that bounds a flat fill: above anti-aliasing noise, below the faintest fills seen. */
export const FAINT_EDGE = 8;
/** Smallest side (px) of a flat control's interior: a label of 9 px text with a little padding. */
const MIN_SIDE = 12;

/**
 * Button-shaped regions that the faint pass adds to `found` (widget analysis' regions): returns only the new ones.
 * `lines` are the text detector's line boxes (image px).
 */
export function findFlatButtons(img: RgbaImage, found: readonly RectRegion[], lines: readonly Rect[]): RectRegion[] {
  const boxes = lines.map((l): ImageBox => [l.x, l.y, l.x + l.w, l.y + l.h]);
  return findRectRegions(img, { edgeThreshold: FAINT_EDGE }).filter(
    (f) =>
      !f.gridCell &&
      f.inner[2] - f.inner[0] >= MIN_SIDE &&
      f.inner[3] - f.inner[1] >= MIN_SIDE &&
      !found.some((s) => iou(s.outer, f.outer) > 0.5) &&
      holdsLabel(img, f, boxes),
  );
}

/** The label rule above: text lines inside and clear of the side walls, or no text and some ink. */
export function holdsLabel(img: RgbaImage, r: RectRegion, lines: readonly ImageBox[]): boolean {
  const [x0, , x1] = r.inner;
  let labels = 0;
  for (const l of lines) {
    if (intersection(l, r.inner) === 0) continue;
    const th = l[3] - l[1];
    // Detector boxes are grown a little around the ink: 85% inside is "inside". A line reaching further out is
    // text running across the region (a highlight behind a word) unless there is no ink beside the region: then
    // it is the detector's box around small glyphs in several small controls (a title bar's window buttons).
    if (insideFraction(l, r.inner) < 0.85) {
      // A word space is about a quarter of the detector's box height; neighbouring buttons stand further apart.
      if (inkBeside(img, r, Math.max(3, Math.round(0.25 * th)))) return false;
      labels++;
      continue;
    }
    // The detector's box already includes room above and below the glyphs (grown by its unclip ratio), so being
    // inside is the vertical test; at its ends the label must stand clear of the walls.
    const pad = Math.max(2, Math.round(0.25 * th));
    if (Math.max(l[0], x0) - x0 < pad || x1 - Math.min(l[2], x1) < pad) return false;
    labels++;
  }
  if (labels > 0) return true;
  // No text: an icon button has ink and is not a bar (an empty tinted bar is a table header or a stripe far more
  // often than a flat text field; a field's own label or hint makes it pass above).
  const [w, h] = [x1 - x0, r.inner[3] - r.inner[1]];
  return r.holes >= 1 && w < 3 * h;
}

/**
 * Ink within `gap` px left or right of the region, on its rows: a pixel 24+ levels (widget analysis' threshold) off
 * the colour just outside the region's wall on that row.
 */
function inkBeside(img: RgbaImage, r: RectRegion, gap: number): boolean {
  const { width: w, data: d } = img;
  const [ox0, , ox1] = r.outer;
  const [, y0, , y1] = r.inner;
  const off = (p: number, q: number) => Math.max(Math.abs(d[p]! - d[q]!), Math.abs(d[p + 1]! - d[q + 1]!), Math.abs(d[p + 2]! - d[q + 2]!));
  for (let y = y0; y < y1; y++) {
    const row = y * w;
    if (ox0 > 0) {
      const ref = (row + ox0 - 1) * 4;
      for (let x = Math.max(0, ox0 - 1 - gap); x < ox0 - 1; x++) if (off((row + x) * 4, ref) >= 24) return true;
    }
    if (ox1 < w) {
      const ref = (row + ox1) * 4;
      for (let x = ox1 + 1; x <= Math.min(w - 1, ox1 + gap); x++) if (off((row + x) * 4, ref) >= 24) return true;
    }
  }
  return false;
}
