/**
 * Underlined text (a link rule, links.ts): a row in the lower half of a segment's box, below at least half the
 * text's rows and above at most descenders, with ink runs that are
 *  - at least 1.2 x the text height long (wider than a ring or box glyph),
 *  - 80% solid, under a row that is not (the bottom of a filled block is no underline),
 *  - ending inside the box's margin (a field's border under a label runs on past it).
 * Browsers skip the underline where a descender crosses it ("g", "p"): a break in the line over a column that
 * holds ink is bridged; a break over a blank column (a space between two links) is not, so "Home News Images"
 * with three underlines is three links.
 *
 * Words are the ink blobs of the box (columns without ink, the underline rows left out, at least a quarter of the
 * text height wide part them). Where there are as many blobs as words in the text, each word is underlined or
 * not and the segment is cut between differently underlined words and between two underlines; otherwise the
 * whole segment is underlined when the underline covers 60% of its ink width.
 */
import type { ImageBox } from '../../../common/geometry.js';
import type { RgbaImage } from '../../ports.js';
import type { Segment } from './frame.js';
import { inkMask, runs } from './text-band.js';

export interface Underlined {
  /** The segment, or its pieces (left to right) where it was cut. */
  readonly segs: Segment[];
  /** The pieces (same objects) that are underlined. */
  readonly underlined: ReadonlySet<Segment>;
}

export function splitAtUnderlines(img: RgbaImage, seg: Segment): Underlined {
  const none = { segs: [seg], underlined: new Set<Segment>() };
  const [x0, y0, x1, y1] = seg.box.map(Math.round) as [number, number, number, number];
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 6 || h < 6 || !seg.bg) return none;
  const ink = inkMask(img, [x0, y0, x1, y1], seg.bg);
  if (!ink) return none;
  const rowInk = new Int32Array(h);
  const colAll = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!ink[y * w + x]) continue;
      rowInk[y]!++;
      colAll[x]!++;
    }
  }
  const textH = rowInk.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
  const cols = runs(colAll);
  if (textH < 5 || !cols.length) return none;
  const inkW = cols[cols.length - 1]![1] - cols[0]![0] + 1;

  // The underline row: the lowest row of the lower half with a long run.
  let lineRuns: [number, number][] = [];
  let lineRow = -1;
  for (let y = h - 1; y >= Math.floor(h / 2) && lineRow < 0; y--) {
    if (rowInk[y]! < 1.2 * textH) continue;
    // Text above it, and below it at most descenders (not the bar of an em dash in mid-line).
    const above = rowInk.slice(0, y).reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    const below = rowInk.slice(y + 1).reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    if (above < 0.5 * textH || below > 0.3 * textH) continue;
    const row = new Int32Array(w);
    for (let x = 0; x < w; x++) row[x] = ink[y * w + x]!;
    // Bridge breaks over columns that hold ink elsewhere (a descender skipped by the underline).
    const raw = runs(row);
    const bridged: [number, number][] = [];
    for (const r of raw) {
      const last = bridged[bridged.length - 1];
      let blank = false;
      if (last) for (let x = last[1] + 1; x < r[0] && !blank; x++) blank = colAll[x] === 0;
      if (last && !blank) last[1] = r[1];
      else bridged.push([r[0], r[1]]);
    }
    // A run is an underline when long, mostly solid (not the bottom arcs of "o" bridged), and inside the box's
    // margin on both ends (a field's border under a label runs on past the text).
    // The row above it shows the text's feet, not another solid row (the bottom of a filled block).
    const solid = (r: readonly [number, number]) => {
      let n = 0;
      let over = 0;
      for (let x = r[0]; x <= r[1]; x++) {
        n += row[x]!;
        over += y > 0 ? ink[(y - 1) * w + x]! : 0;
      }
      return n >= 0.8 * (r[1] - r[0] + 1) && over <= 0.6 * (r[1] - r[0] + 1);
    };
    const long = bridged.filter((r) => r[1] - r[0] + 1 >= 1.2 * textH && r[0] > 0 && r[1] < w - 1 && solid(r));
    if (long.length) {
      lineRuns = long;
      lineRow = y;
    }
  }
  if (lineRow < 0) return none;

  // Word blobs, without the underline's rows (the line and the row on either side).
  const colText = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    if (Math.abs(y - lineRow) <= 1) continue;
    for (let x = 0; x < w; x++) colText[x]! += ink[y * w + x]!;
  }
  const blobs: [number, number][] = [];
  for (const r of runs(colText)) {
    const last = blobs[blobs.length - 1];
    if (last && r[0] - last[1] - 1 < 0.25 * textH) last[1] = r[1];
    else blobs.push([r[0], r[1]]);
  }
  const words = seg.text.split(/\s+/).filter(Boolean);
  if (blobs.length !== words.length || words.length < 2) {
    const all = new Set<Segment>([seg]);
    return lineRuns.reduce((n, r) => n + r[1] - r[0] + 1, 0) >= 0.6 * inkW ? { segs: [seg], underlined: all } : none;
  }
  // Each word: the underline run under most of it, or -1.
  const under = blobs.map((b) => lineRuns.findIndex((r) => Math.min(r[1], b[1]) - Math.max(r[0], b[0]) + 1 >= 0.6 * (b[1] - b[0] + 1)));
  const m = Math.max(2, Math.round(textH / 5));
  const segs: Segment[] = [];
  const underlined = new Set<Segment>();
  let start = 0;
  for (let i = 1; i <= words.length; i++) {
    if (i < words.length && under[i] === under[start]) continue;
    const box: ImageBox = [Math.max(x0, x0 + blobs[start]![0] - m), y0, Math.min(x1, x0 + blobs[i - 1]![1] + 1 + m), y1];
    const piece: Segment = start === 0 && i === words.length ? seg : { ...seg, text: words.slice(start, i).join(' '), box };
    segs.push(piece);
    if (under[start]! >= 0) underlined.add(piece);
    start = i;
  }
  return { segs, underlined };
}
