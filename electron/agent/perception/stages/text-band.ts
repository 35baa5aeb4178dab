/**
 * Tight boxes for recognized segments (stage "recognise", with the link rules): the recognizer reads each line
 * from a crop grown to its row's band, so in a dense list (a sidebar's table of contents, 17 px apart) the
 * segment's ink box takes in the bottom of the line above and the top of the line below, and a list bullet or a
 * menu's "|" beside it. Such a box is twice the link's height and its IoU with the link falls under 0.5.
 *
 * Rules, on the segment's own box (its pixels against the line's background):
 *  - rows: ink bands (runs of rows with ink); a band that touches the box's top or bottom edge and is not the
 *    band holding most ink is a neighbour line cut by the crop, and is dropped;
 *  - columns: a first ink blob that is small (a bullet: at most 0.45 x the text height wide and 0.5 x high)
 *    followed by a gap wider than a word space (0.7 x the text height) is a list bullet: dropped, with the one or
 *    two characters OCR read for it; a thin full-height blob at either end, as far from the text, is a separator
 *    bar ("previous | next") and is dropped;
 *  - the box is the kept ink plus a margin of a fifth of the text height (at least 2 px), never larger than before.
 */
import type { ImageBox } from '../../../common/geometry.js';
import type { RgbaImage } from '../../ports.js';
import type { Segment } from './frame.js';

/** A tightened segment and the height of its text's core (image px, 0 when unmeasured). */
export interface Tight {
  /** The segment with its box tightened (and a bullet's characters dropped from its text); itself when unchanged. */
  readonly seg: Segment;
  /**
   * Rows where the ink is at least 0.4 x its densest row: the x-height band of lowercase text (capitals'
   * height in capitals), which follows the font size; ascenders, descenders and brackets (thin per row) do not
   * count, so "dumps()" and "Basic Usage" of one list measure the same.
   */
  readonly core: number;
}

export function tightenSegment(img: RgbaImage, seg: Segment): Tight {
  const t = tighten(img, seg);
  return 'seg' in t ? t : { seg: t, core: 0 };
}

function tighten(img: RgbaImage, seg: Segment): Segment | Tight {
  const [bx0, by0, bx1, by1] = seg.box.map(Math.round) as [number, number, number, number];
  const w = bx1 - bx0;
  const h = by1 - by0;
  if (w < 3 || h < 3 || !seg.bg) return seg;
  const ink = inkMask(img, [bx0, by0, bx1, by1], seg.bg);
  if (!ink) return seg;

  // Row bands.
  const rowInk = new Int32Array(h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rowInk[y]! += ink[y * w + x]!;
  const bands = runs(rowInk);
  if (!bands.length) return seg;
  const mainBand = bands.reduce((a, b) => (sum(rowInk, b) > sum(rowInk, a) ? b : a));
  const kept = bands.filter((b) => b === mainBand || (b[0] > 0 && b[1] < h - 1));
  const top = kept[0]![0];
  const bottom = kept[kept.length - 1]![1];
  const textH = bottom - top + 1;
  let densest = 0;
  for (let y = top; y <= bottom; y++) densest = Math.max(densest, rowInk[y]!);
  let core = 0;
  for (let y = top; y <= bottom; y++) if (rowInk[y]! >= 0.4 * densest) core++;

  // Column blobs within the kept rows.
  const colInk = new Int32Array(w);
  for (let y = top; y <= bottom; y++) for (let x = 0; x < w; x++) colInk[x]! += ink[y * w + x]!;
  let blobs = runs(colInk);
  if (!blobs.length) return seg;
  const blobRows = (b: readonly [number, number]): [number, number] => {
    let r0 = h;
    let r1 = -1;
    for (let y = top; y <= bottom; y++) {
      for (let x = b[0]; x <= b[1]; x++) {
        if (!ink[y * w + x]) continue;
        if (y < r0) r0 = y;
        if (y > r1) r1 = y;
        break;
      }
    }
    return [r0, r1];
  };
  const wide = 0.7 * textH;
  let text = seg.text;
  if (blobs.length >= 2) {
    const [b0, b1] = [blobs[0]!, blobs[1]!];
    const [r0, r1] = blobRows(b0);
    const bullet = b0[1] - b0[0] + 1 <= 0.45 * textH && r1 - r0 + 1 <= 0.5 * textH && b1[0] - b0[1] - 1 >= wide;
    const stripped = /^[^\p{L}\p{N}([{'"]{1,2}\s*|^\p{L} /u.test(text) ? text.replace(/^(?:[^\p{L}\p{N}([{'"]{1,2}|\p{L}(?= ))\s*/u, '') : text;
    if (bullet && stripped.length > 0) {
      // OCR may have read the bullet as a character or two, or as nothing.
      blobs = blobs.slice(1);
      text = stripped;
    } else if (isBar(b0, blobRows(b0), textH) && b1[0] - b0[1] - 1 >= 0.4 * textH && !/^[|lI1!([]/.test(text)) blobs = blobs.slice(1);
  }
  if (blobs.length >= 2) {
    const last = blobs[blobs.length - 1]!;
    const prev = blobs[blobs.length - 2]!;
    if (isBar(last, blobRows(last), textH) && last[0] - prev[1] - 1 >= 0.4 * textH && !/[|lI1!)\]]$/.test(text)) blobs = blobs.slice(0, -1);
  }
  const m = Math.max(2, Math.round(textH / 5));
  const box: ImageBox = [
    Math.max(bx0, bx0 + blobs[0]![0] - m),
    Math.max(by0, by0 + top - m),
    Math.min(bx1, bx0 + blobs[blobs.length - 1]![1] + 1 + m),
    Math.min(by1, by0 + bottom + 1 + m),
  ];
  if (text === seg.text && box.every((v, i) => v === seg.box[i])) return { seg, core };
  return { seg: { ...seg, text, box }, core };
}

/** A separator bar: at most 0.2 x the text height (and 3 px) wide, at least 0.8 x as tall. */
function isBar(b: readonly [number, number], rows: readonly [number, number], textH: number): boolean {
  return b[1] - b[0] + 1 <= Math.max(2, Math.min(3, 0.2 * textH)) && rows[1] - rows[0] + 1 >= 0.8 * textH;
}

/**
 * Ink pixels of a box (1 = ink) against a background colour: luminance at least 24 levels and a third of the
 * box's strongest contrast away from the background's (as split-line's inkProfile). Undefined without contrast.
 */
export function inkMask(img: RgbaImage, box: ImageBox, bg: readonly [number, number, number]): Uint8Array | undefined {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const bgL = lum(bg[0], bg[1], bg[2]);
  const d = img.data;
  const diff = new Uint8Array(w * h);
  let maxD = 0;
  for (let y = 0; y < h; y++) {
    let p = ((y0 + y) * img.width + x0) * 4;
    for (let x = 0; x < w; x++, p += 4) {
      const v = Math.abs(lum(d[p]!, d[p + 1]!, d[p + 2]!) - bgL);
      diff[y * w + x] = v;
      if (v > maxD) maxD = v;
    }
  }
  if (maxD < 24) return undefined;
  const thr = Math.max(24, maxD / 3);
  for (let i = 0; i < diff.length; i++) diff[i] = diff[i]! >= thr ? 1 : 0;
  return diff;
}

/** Luminance 0..255 (BT.601 weights, integer). */
export function lum(r: number, g: number, b: number): number {
  return (77 * r + 150 * g + 29 * b) >> 8;
}

/** Runs of positive counts, as inclusive [first, last] index pairs. */
export function runs(counts: Int32Array): [number, number][] {
  const out: [number, number][] = [];
  let s = -1;
  for (let i = 0; i <= counts.length; i++) {
    const on = i < counts.length && counts[i]! > 0;
    if (on && s < 0) s = i;
    if (!on && s >= 0) {
      out.push([s, i - 1]);
      s = -1;
    }
  }
  return out;
}

function sum(a: Int32Array, r: readonly [number, number]): number {
  let s = 0;
  for (let i = r[0]; i <= r[1]; i++) s += a[i]!;
  return s;
}
