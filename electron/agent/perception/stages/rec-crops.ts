/**
 * Recognizer crops (stage "recognise"): which pixels each detected line is read from, at what size, and how short
 * crops share recognizer rows. Geometry plus one look at the pixels (the text's rows inside a tall control); no model.
 */
import type { RgbaImage } from '../../ports.js';
import type { Rect } from '../resize.js';
import type { RectRegion } from '../widgets.js';
import { inkMask, runs } from './text-band.js';

/** Recognizer time axis: one CTC step per 8 input columns; widths are multiples of it. */
export const REC_STRIDE = 8;
/** Widest crop (rec input px) fed as is; longer lines are squeezed to it rather than grow the tensor unbounded. */
const REC_MAX_W = 3840;

/** A line as the recognizer reads it: the crop (image px) and the height and width (rec px) it is resized to. */
export interface RecLine {
  readonly rect: Rect;
  readonly recH: number;
  readonly recW: number;
}

export interface RecSizes {
  /** Input height of short lines (rec px). */
  readonly recH: number;
  /** Input height of long lines (rec px). */
  readonly recLongH: number;
  /** Rows are at least this wide (rec px); a crop wider than this at recH is a long line. */
  readonly recMinW: number;
  /** Horizontal squeeze of long lines (1 = PaddleOCR's aspect-preserving resize). */
  readonly recScale: number;
}

/**
 * Each detected line's crop and recognizer size: inside a small button, the button's interior height, or the
 * text's band inside a tall one (controlCrop, textBands); otherwise grown to its row's text band (rowBands).
 * Long lines (mostly body text: a row of their own) may be read lower and narrower; short ones (labels,
 * buttons, packed several to a row) keep PaddleOCR's 48 px and aspect. A line running across control boxes (a
 * row of buttons read as one) is not body text.
 */
export function recLines(lines: readonly Rect[], rects: readonly RectRegion[], s: RecSizes, image?: RgbaImage): RecLine[] {
  const texts = image ? textBands(lines, rects, image) : [];
  return rowBands(lines.map((l, i) => controlCrop(l, rects, texts[i]) ?? l)).map((rect) => {
    const long = (s.recH * rect.w) / rect.h > s.recMinW && (s.recLongH === s.recH || spansAcross(rect, rects).length === 0);
    const h = long ? s.recLongH : s.recH;
    const w = ((h * rect.w) / rect.h) * (long ? s.recScale : 1);
    return { rect, recH: h, recW: Math.min(REC_MAX_W, Math.max(REC_STRIDE * 2, Math.round(w))) };
  });
}

/**
 * A control is read over a band around its text, instead of its whole interior, when the interior is more than
 * TALL_PER_TEXT x the text's height (textBands); the band is BAND_PER_TEXT x that height. xcalc at its default
 * size and at 300x400 (55/55 keys read) has 23-25 px interiors around 9 px of text (2.6-2.9x): the band keeps that
 * proportion. At 600x800 the X core font does not grow and the interiors are 52 px (6x).
 */
const TALL_PER_TEXT = 3.5;
const BAND_PER_TEXT = 2.6;

/** The text inside a line's control: its height and the row of its centre (image px). */
export interface TextBand {
  readonly height: number;
  readonly centre: number;
}

/** The control a short line lies in (its smallest button-like box), and the line's columns inside it. */
function controlOf(line: Rect, rects: readonly RectRegion[]): { box: RectRegion; x0: number; x1: number } | undefined {
  const lcx = line.x + line.w / 2;
  const lcy = line.y + line.h / 2;
  let best: RectRegion | undefined;
  for (const r of rects) {
    const [x0, y0, x1, y1] = r.inner;
    if (r.gridCell || lcx < x0 || lcx > x1 || lcy < y0 || lcy > y1) continue;
    // The whole line must lie inside (a line running across several buttons is split later, not cropped here).
    if (line.x < x0 - 3 || line.x + line.w > x1 + 3) continue;
    const iw = x1 - x0;
    const ih = y1 - y0;
    if (ih > 2.5 * line.h || ih < 0.6 * line.h || iw > line.w + 3 * ih || iw > 4 * ih) continue;
    if (!best || iw * ih < (best.inner[2] - best.inner[0]) * (best.inner[3] - best.inner[1])) best = r;
  }
  if (!best) return undefined;
  const x0 = Math.max(best.inner[0], line.x);
  const x1 = Math.min(best.inner[2], line.x + line.w);
  return x1 - x0 > 3 && best.inner[3] - best.inner[1] > 3 ? { box: best, x0, x1 } : undefined;
}

/**
 * A short line inside a small button-like box is recognized over the box's full interior height: the label with
 * the button's own margins above and below is a self-contained word image, so a lone "*" or "e" reads the same whatever else is
 * packed into the recognizer row (tight crops of single glyphs flip between "*" and a CJK look-alike).
 * Given the text's band (textBands) in a control much taller than its text, it is read over BAND_PER_TEXT x the
 * text's height around the text instead: xcalc's 52 px keys at 600x800 scaled to 48 px left 9 px glyphs 8 px
 * tall, and short labels were misread ("log" -> "loa", "INV" -> "IN", "EXC" -> "DXC").
 */
export function controlCrop(line: Rect, rects: readonly RectRegion[], text?: TextBand): Rect | undefined {
  const c = controlOf(line, rects);
  if (!c) return undefined;
  // The box's rows, the line's columns: wider margins left and right measured worse on xcalc (47-50 of 55
  // labels read against 52).
  let [, y0, , y1] = c.box.inner;
  if (text && y1 - y0 > TALL_PER_TEXT * text.height) {
    const band = Math.round(BAND_PER_TEXT * text.height) + 2;
    // Kept inside the interior: a label near an edge shifts the band, never shrinks it.
    const top = Math.min(Math.max(y0, Math.round(text.centre - band / 2)), y1 - band);
    [y0, y1] = [top, top + band];
  }
  return { x: c.x0 + 1, y: y0 + 1, w: c.x1 - c.x0 - 2, h: y1 - y0 - 2 };
}

/**
 * The text band of each line inside a control (undefined for the others). A label's own ink says little about
 * the font ("-" is 1 px tall, "." sits on the baseline), so a line takes the median ink height, and the median
 * ink centre relative to the interior's top, of all control lines whose interiors share its top and bottom (a
 * row of keys; one control alone is its own row).
 */
export function textBands(lines: readonly Rect[], rects: readonly RectRegion[], image: RgbaImage): (TextBand | undefined)[] {
  const found = lines.map((l) => {
    const c = controlOf(l, rects);
    const ink = c && inkRows(image, [c.x0 + 1, c.box.inner[1] + 1, c.x1 - 1, c.box.inner[3] - 1], c.box.bg);
    return c && ink ? { top: c.box.inner[1], bottom: c.box.inner[3], height: ink[1] - ink[0] + 1, centre: (ink[0] + ink[1] + 1) / 2 - c.box.inner[1] } : undefined;
  });
  return found.map((f) => {
    if (!f) return undefined;
    const row = found.filter((g) => g && Math.abs(g.top - f.top) <= 2 && Math.abs(g.bottom - f.bottom) <= 2) as NonNullable<(typeof found)[number]>[];
    return { height: median(row.map((g) => g.height)), centre: f.top + median(row.map((g) => g.centre)) };
  });
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * First and last image rows (inclusive) of the text's ink in `box` against the control's background, or undefined
 * when there is none. A run of ink rows touching the box's top or bottom edge that is not the run with the most
 * ink is the control's bevel or focus ring, not text.
 */
function inkRows(image: RgbaImage, box: [number, number, number, number], bg: readonly [number, number, number]): [number, number] | undefined {
  const [bx0, by0, bx1, by1] = box.map(Math.round) as [number, number, number, number];
  const w = bx1 - bx0;
  const h = by1 - by0;
  if (w < 2 || h < 2 || bx0 < 0 || by0 < 0 || bx1 > image.width || by1 > image.height) return undefined;
  const mask = inkMask(image, [bx0, by0, bx1, by1], bg);
  if (!mask) return undefined;
  const rowInk = new Int32Array(h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rowInk[y]! += mask[y * w + x]!;
  const bands = runs(rowInk);
  if (!bands.length) return undefined;
  const inkOf = (b: [number, number]) => rowInk.slice(b[0], b[1] + 1).reduce((a, v) => a + v, 0);
  const main = bands.reduce((a, b) => (inkOf(b) > inkOf(a) ? b : a));
  const kept = bands.filter((b) => b === main || (b[0] > 0 && b[1] < h - 1));
  return [by0 + kept[0]![0], by0 + kept[kept.length - 1]![1]];
}

/** Interiors of control-sized boxes a line runs across (at least two of them), as x spans for splitLine. */
export function spansAcross(line: Rect, rects: readonly RectRegion[]): [number, number][] {
  const cy = line.y + line.h / 2;
  const spans: [number, number][] = [];
  for (const r of rects) {
    const [x0, y0, x1, y1] = r.inner;
    if (r.gridCell || cy < y0 || cy > y1 || y1 - y0 > 3 * line.h) continue;
    if (x1 <= line.x || x0 >= line.x + line.w) continue;
    // A box holding the whole line is its container, not one of the controls it runs across.
    if (x0 <= line.x + 4 && x1 >= line.x + line.w - 4) continue;
    spans.push([x0, x1]);
  }
  // Innermost boxes only: a box around other boxes on this line is their group.
  const inner = spans.filter((a) => !spans.some((b) => b !== a && b[0] >= a[0] && b[1] <= a[1]));
  return inner.length >= 2 ? inner.sort((a, b) => a[0] - b[0]) : [];
}

/**
 * Grows each line box vertically to the text band of its row. The detector's box around a word of x-height
 * letters ("e", "on") is shorter than its neighbours' ("EE", "log"); scaled to the recognizer's 48 px, a lone
 * lowercase "e" then fills the height like a capital and reads as "6". Neighbours = boxes overlapping vertically
 * by half the shorter height, at most 1.6x as tall, within 8 heights horizontally; a box grows to the union of
 * their spans, by at most half its own height.
 */
export function rowBands(rects: readonly Rect[]): Rect[] {
  const byX = rects.map((r, i) => ({ r, i })).sort((a, b) => a.r.x - b.r.x);
  return rects.map((r) => {
    let top = r.y;
    let bottom = r.y + r.h;
    const reach = 8 * r.h;
    for (const { r: n } of byX) {
      if (n.x > r.x + r.w + reach) break;
      if (n === r || n.x + n.w < r.x - reach || n.h > 1.6 * r.h || n.h < r.h) continue;
      const ov = Math.min(r.y + r.h, n.y + n.h) - Math.max(r.y, n.y);
      if (ov < 0.5 * Math.min(r.h, n.h)) continue;
      top = Math.min(top, n.y);
      bottom = Math.max(bottom, n.y + n.h);
    }
    const grow = Math.floor(r.h / 2);
    top = Math.max(top, r.y - grow);
    bottom = Math.min(bottom, r.y + r.h + grow);
    return top === r.y && bottom === r.y + r.h ? r : { x: r.x, y: top, w: r.w, h: bottom - top };
  });
}

/** Crops packed into one recognizer row: slot offsets in rec px from the row's left edge. */
export interface PackedRow {
  readonly slots: { readonly index: number; readonly offset: number }[];
  /** Used width, rec px (last slot's right edge). */
  readonly width: number;
}

/**
 * First-fit packing of crop widths (rec px) into rows of `rowW`, `gap` px apart, widest first. A crop at least
 * rowW wide gets a row of its own. Every index appears in exactly one row.
 */
export function packRows(widths: readonly number[], rowW: number, gap: number): PackedRow[] {
  const order = widths.map((w, index) => ({ w, index })).sort((a, b) => b.w - a.w || a.index - b.index);
  const rows: { slots: { index: number; offset: number }[]; width: number }[] = [];
  for (const { w, index } of order) {
    const row = w < rowW ? rows.find((r) => r.width + gap + w <= rowW && r.slots.length > 0) : undefined;
    if (row) {
      row.slots.push({ index, offset: row.width + gap });
      row.width += gap + w;
    } else rows.push({ slots: [{ index, offset: 0 }], width: w });
  }
  return rows;
}
