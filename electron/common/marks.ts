/**
 * Set-of-Mark layout (MAGMA.md, "Marks"): where each element's numbered label goes and how big the digits are.
 * Pure (imports only common), so the renderer's overlay draws exactly the layout the model saw.
 *
 * The digits come from a 5x7 bitmap font (som-draw.ts), scaled to a digit height in image px. MAGMA's rule says
 * the font grows from size 20 until the box of "555" has a min side >= min(30, 0.04 * min(H, W)). A typeface's
 * digits are about 0.7 of its size, so size f draws digits round(0.7 f) px tall; the box of "555" is 3 digits
 * wide and 1 digit tall, so its min side is the digit height.
 */
import type { ImageBox } from './geometry.js';
import type { Element } from './elements.js';

/** Bitmap font grid: every digit glyph is GLYPH_COLS x GLYPH_ROWS cells. */
export const GLYPH_COLS = 5;
export const GLYPH_ROWS = 7;

/** Label metrics in image px. */
export interface MarkFont {
  /** MAGMA font size the metrics stand for. */
  readonly size: number;
  readonly digitW: number;
  readonly digitH: number;
  /** Blank columns between two digits. */
  readonly spacing: number;
  /** Red margin around the digits inside the label. */
  readonly pad: number;
}

/** The 8 candidate spots, in MAGMA's order of preference (first wins a tie). */
export const SPOTS = ['above-left', 'above-right', 'right-top', 'right-bottom', 'below-right', 'below-left', 'left-bottom', 'left-top'] as const;
/** A candidate spot, or 'inside' when none of the 8 fits in the image. */
export type Spot = (typeof SPOTS)[number] | 'inside';

export interface LabelRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Mark {
  readonly id: number;
  /** The element's box, image px. */
  readonly box: ImageBox;
  readonly label: LabelRect;
  readonly text: string;
  readonly spot: Spot;
  /** Area (image px^2) the label shares with other boxes and earlier labels. */
  readonly overlap: number;
}

export interface MarkLayout {
  readonly width: number;
  readonly height: number;
  readonly font: MarkFont;
  readonly marks: Mark[];
}

/** Digit height (image px) a MAGMA font size stands for. */
function digitHeightOf(size: number): number {
  return Math.round(0.7 * size);
}

/** MAGMA's font rule on an image of width x height image px. */
export function markFont(width: number, height: number): MarkFont {
  const target = Math.min(30, 0.04 * Math.min(width, height));
  let size = 20;
  // Grows one size at a time, like the reference; min side of "555" = the digit height.
  while (digitHeightOf(size) < target) size++;
  const digitH = digitHeightOf(size);
  return {
    size,
    digitH,
    digitW: Math.round((digitH * GLYPH_COLS) / GLYPH_ROWS),
    spacing: Math.max(1, Math.round(digitH / GLYPH_ROWS)),
    pad: Math.max(2, Math.round(digitH / 7)),
  };
}

/** Size of the label for `text` (image px). */
export function labelSize(text: string, font: MarkFont): { w: number; h: number } {
  const n = text.length;
  return { w: n * font.digitW + Math.max(0, n - 1) * font.spacing + 2 * font.pad, h: font.digitH + 2 * font.pad };
}

/** The label rectangle (image px) at one candidate spot around box b. */
export function spotRect(spot: (typeof SPOTS)[number], b: ImageBox, w: number, h: number): LabelRect {
  const [x1, y1, x2, y2] = b;
  switch (spot) {
    case 'above-left':
      return { x: x1, y: y1 - h, w, h };
    case 'above-right':
      return { x: x2 - w, y: y1 - h, w, h };
    case 'right-top':
      return { x: x2, y: y1, w, h };
    case 'right-bottom':
      return { x: x2, y: y2 - h, w, h };
    case 'below-right':
      return { x: x2 - w, y: y2, w, h };
    case 'below-left':
      return { x: x1, y: y2, w, h };
    case 'left-bottom':
      return { x: x1 - w, y: y2 - h, w, h };
    case 'left-top':
      return { x: x1 - w, y: y1, w, h };
  }
}

function inter(r: LabelRect, b: ImageBox): number {
  const w = Math.min(r.x + r.w, b[2]) - Math.max(r.x, b[0]);
  const h = Math.min(r.y + r.h, b[3]) - Math.max(r.y, b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places one label per element, in the order given (= mark ids). Each label takes, among the 8 spots around its
 * box that lie inside the image, the one whose area shared with every other element's box and with the labels
 * placed before it is smallest (first spot wins a tie). When no spot fits (a box as big as the image), the label
 * goes inside the box's top-left corner, clamped to the image.
 */
export function layoutMarks(elements: readonly Pick<Element, 'id' | 'bbox'>[], width: number, height: number): MarkLayout {
  const font = markFont(width, height);
  const boxes: ImageBox[] = elements.map((e) => [e.bbox[0], e.bbox[1], e.bbox[2], e.bbox[3]]);
  const placed: ImageBox[] = [];
  const marks: Mark[] = [];
  elements.forEach((e, i) => {
    const text = String(e.id);
    const { w, h } = labelSize(text, font);
    const box = boxes[i]!;
    let best: { rect: LabelRect; spot: Spot; overlap: number } | undefined;
    for (const spot of SPOTS) {
      const r = spotRect(spot, box, w, h);
      if (r.x < 0 || r.y < 0 || r.x + r.w > width || r.y + r.h > height) continue;
      let overlap = 0;
      for (let k = 0; k < boxes.length && (!best || overlap < best.overlap); k++) if (k !== i) overlap += inter(r, boxes[k]!);
      for (let k = 0; k < placed.length && (!best || overlap < best.overlap); k++) overlap += inter(r, placed[k]!);
      if (!best || overlap < best.overlap) best = { rect: r, spot, overlap };
      if (overlap === 0) break;
    }
    if (!best) {
      const r = {
        x: Math.min(Math.max(0, box[0]), Math.max(0, width - w)),
        y: Math.min(Math.max(0, box[1]), Math.max(0, height - h)),
        w,
        h,
      };
      let overlap = 0;
      boxes.forEach((b, k) => (overlap += k === i ? 0 : inter(r, b)));
      placed.forEach((b) => (overlap += inter(r, b)));
      best = { rect: r, spot: 'inside', overlap };
    }
    placed.push([best.rect.x, best.rect.y, best.rect.x + best.rect.w, best.rect.y + best.rect.h]);
    marks.push({ id: e.id, box, label: best.rect, text, spot: best.spot, overlap: best.overlap });
  });
  return { width, height, font, marks };
}
