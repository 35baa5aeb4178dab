/**
 * Where an element's own content (its label's glyphs, an icon) is drawn inside its box: the bounding box of the
 * pixels that differ from the box's background. The people's mark layout (common/people-marks.ts) keeps labels off
 * it, so a number never hides the text of the control it numbers. Text elements are their own ink (OCR boxes are
 * tight); this is for controls, whose box is the whole button or field.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage } from '../ports.js';

/** Pixels of the box's edge skipped: the control's outline and bevel, not its content. */
const EDGE_PX = 3;
/** A channel this far from the background colour is ink (anti-aliased edges of 8-bit glyphs stay below). */
const INK_DIFF = 48;

/**
 * The ink box inside `box` (image px), or undefined when the inside holds nothing but background. The background
 * is the most common colour on the ring just inside the skipped edge (quantized to 16 levels per channel).
 */
export function inkBox(image: RgbaImage, box: ImageBox): [number, number, number, number] | undefined {
  const x0 = Math.max(0, Math.ceil(box[0]) + EDGE_PX);
  const y0 = Math.max(0, Math.ceil(box[1]) + EDGE_PX);
  const x1 = Math.min(image.width, Math.floor(box[2]) - EDGE_PX);
  const y1 = Math.min(image.height, Math.floor(box[3]) - EDGE_PX);
  if (x1 - x0 < 2 || y1 - y0 < 2) return undefined;
  const d = image.data;
  const at = (x: number, y: number) => (y * image.width + x) * 4;
  const counts = new Map<number, number>();
  const vote = (x: number, y: number) => {
    const p = at(x, y);
    const k = ((d[p]! >> 4) << 8) | ((d[p + 1]! >> 4) << 4) | (d[p + 2]! >> 4);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  for (let x = x0; x < x1; x++) {
    vote(x, y0);
    vote(x, y1 - 1);
  }
  for (let y = y0; y < y1; y++) {
    vote(x0, y);
    vote(x1 - 1, y);
  }
  let bg = 0;
  let best = -1;
  for (const [k, n] of counts) {
    if (n > best) {
      best = n;
      bg = k;
    }
  }
  const bgc = [((bg >> 8) << 4) + 8, (((bg >> 4) & 15) << 4) + 8, ((bg & 15) << 4) + 8];
  let ix0 = Infinity, iy0 = Infinity, ix1 = -Infinity, iy1 = -Infinity;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = at(x, y);
      if (Math.abs(d[p]! - bgc[0]!) > INK_DIFF || Math.abs(d[p + 1]! - bgc[1]!) > INK_DIFF || Math.abs(d[p + 2]! - bgc[2]!) > INK_DIFF) {
        if (x < ix0) ix0 = x;
        if (x > ix1) ix1 = x;
        if (y < iy0) iy0 = y;
        if (y > iy1) iy1 = y;
      }
    }
  }
  return ix1 < ix0 ? undefined : [ix0, iy0, ix1 + 1, iy1 + 1];
}
