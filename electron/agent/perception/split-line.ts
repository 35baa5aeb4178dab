/**
 * Splits one recognized text line into separate elements at wide gaps.
 *
 * The detector often joins a row of buttons ("STO 7 8 9 *") into one line. Where each character is comes from the
 * CTC time steps; where the gaps are comes from the image itself: the column ink profile of the line box. Between
 * two neighbouring characters the line is cut when
 *  - a vertical rule (a button border, a table line) crosses the text band, or
 *  - the widest ink-free run of columns is at least `gapFactor` x the text height (image px).
 * A word space is about 0.3-0.65 x the text height (proportional and monospace fonts alike), so "Save as" stays
 * one element while columns and button rows come apart.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage } from '../ports.js';
import type { Rect } from './resize.js';

/** A character placed on the image: x is the centre of its CTC run, in image px. */
export interface PlacedChar {
  readonly char: string;
  readonly x: number;
  readonly prob: number;
}

export interface LineSegment {
  readonly text: string;
  /** Tight box around the segment's ink (plus a small margin), image px. */
  readonly box: ImageBox;
  /** Mean probability of the segment's characters. */
  readonly confidence: number;
}

export interface SplitOptions {
  /** Cut at an ink-free gap at least this many text heights wide. */
  readonly gapFactor?: number;
  /** A column whose ink covers at least this fraction of the text band's rows is a vertical rule. */
  readonly ruleFill?: number;
}

/** Ink of a line box: which pixels differ from the background, summarized per column and per row. */
export interface InkProfile {
  readonly rect: Rect;
  /** Ink pixels per column (rule rows excluded), index = x - rect.x. */
  readonly cols: Int32Array;
  /** 1 where the column is a vertical rule. */
  readonly rules: Uint8Array;
  /** First and last row (image px) holding text ink; -1 when the box holds no ink. */
  readonly textTop: number;
  readonly textBottom: number;
  /** ink[y * w + x] = 1 for ink pixels, relative to rect. */
  readonly ink: Uint8Array;
  /** 1 for rows that are horizontal rules (ink across >= 90% of the width). */
  readonly ruleRows: Uint8Array;
}

/** Luminance 0..255 (BT.601 weights, integer). */
function lum(d: Uint8Array, p: number): number {
  return (77 * d[p]! + 150 * d[p + 1]! + 29 * d[p + 2]!) >> 8;
}

export function inkProfile(img: RgbaImage, rect: Rect, ruleFill = 0.85): InkProfile {
  const { x: rx, y: ry, w, h } = rect;
  const d = img.data;
  const stride = img.width * 4;
  // Background = the most common luminance (32 bins of 8 levels): text covers less of its box than background.
  const hist = new Int32Array(32);
  const sums = new Float64Array(32);
  const L = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = lum(d, (ry + y) * stride + (rx + x) * 4);
      L[y * w + x] = v;
      hist[v >> 3]!++;
      sums[v >> 3]! += v;
    }
  }
  let mode = 0;
  for (let b = 1; b < 32; b++) if (hist[b]! > hist[mode]!) mode = b;
  const bg = sums[mode]! / Math.max(1, hist[mode]!);
  let maxDiff = 0;
  for (let i = 0; i < L.length; i++) maxDiff = Math.max(maxDiff, Math.abs(L[i]! - bg));
  // Ink = clearly away from the background: at least 24 levels, and a third of the box's strongest contrast so
  // antialiasing fringes and soft gradients do not count.
  const thr = Math.max(24, maxDiff / 3);
  const ink = new Uint8Array(w * h);
  if (maxDiff >= 24) for (let i = 0; i < L.length; i++) ink[i] = Math.abs(L[i]! - bg) >= thr ? 1 : 0;

  const ruleRows = new Uint8Array(h);
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0; x < w; x++) n += ink[y * w + x]!;
    if (n >= 0.9 * w && w >= 8) ruleRows[y] = 1;
  }
  const bandRows = h - ruleRows.reduce((s, v) => s + v, 0);
  const cols = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    if (ruleRows[y]) continue;
    for (let x = 0; x < w; x++) cols[x]! += ink[y * w + x]!;
  }
  const rules = new Uint8Array(w);
  for (let x = 0; x < w; x++) if (bandRows >= 6 && cols[x]! >= ruleFill * bandRows) rules[x] = 1;
  let textTop = -1;
  let textBottom = -1;
  for (let y = 0; y < h; y++) {
    if (ruleRows[y]) continue;
    let any = false;
    for (let x = 0; x < w && !any; x++) any = ink[y * w + x]! === 1 && rules[x]! === 0;
    if (any) {
      if (textTop < 0) textTop = ry + y;
      textBottom = ry + y;
    }
  }
  return { rect, cols, rules, textTop, textBottom, ink, ruleRows };
}

/**
 * Splits a line (its box `rect` in image px, its characters placed in image px) into segments. Characters are
 * taken in x order; spaces ride along but never start or end a segment.
 */
export function splitLine(img: RgbaImage, rect: Rect, chars: readonly PlacedChar[], opts: SplitOptions = {}): LineSegment[] {
  const gapFactor = opts.gapFactor ?? 1.0;
  const prof = inkProfile(img, rect, opts.ruleFill ?? 0.85);
  const sorted = [...chars].sort((a, b) => a.x - b.x);
  const solid = sorted.filter((c) => c.char.trim() !== '');
  if (solid.length === 0) return [];
  const textH = prof.textTop >= 0 ? prof.textBottom - prof.textTop + 1 : rect.h;
  const minGap = gapFactor * textH;
  const w = rect.w;
  const col = (xImg: number): number => Math.min(w - 1, Math.max(0, Math.round(xImg - rect.x)));

  // Cut positions (columns relative to rect): a cut at c means columns < c go left, >= c go right.
  const cuts: number[] = [];
  for (let i = 0; i + 1 < solid.length; i++) {
    const a = col(solid[i]!.x);
    const b = col(solid[i + 1]!.x);
    let rule = -1;
    let bestLen = 0;
    let bestMid = -1;
    let runStart = -1;
    for (let x = a + 1; x <= b; x++) {
      const blank = x < b && prof.cols[x] === 0;
      if (x < b && prof.rules[x]) rule = x;
      if (blank && runStart < 0) runStart = x;
      if (!blank && runStart >= 0) {
        if (x - runStart > bestLen) {
          bestLen = x - runStart;
          bestMid = Math.floor((runStart + x) / 2);
        }
        runStart = -1;
      }
    }
    if (rule >= 0) cuts.push(rule);
    else if (bestLen >= minGap) cuts.push(bestMid);
  }

  const bounds = [0, ...cuts, w];
  const segments: LineSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const c0 = bounds[s]!;
    const c1 = bounds[s + 1]!;
    const mine = sorted.filter((ch) => {
      const c = col(ch.x);
      return c >= c0 && (c < c1 || (s + 2 === bounds.length && c <= c1));
    });
    const text = mine.map((c) => c.char).join('').trim();
    if (!text) continue;
    const confidence = mine.reduce((t, c) => t + c.prob, 0) / mine.length;
    segments.push({ text, box: inkBox(prof, c0, c1, textH, mine), confidence });
  }
  return segments;
}

/** Tight ink box of columns [c0, c1) of the profile (rules and rule rows excluded), image px, with a margin. */
function inkBox(prof: InkProfile, c0: number, c1: number, textH: number, chars: readonly PlacedChar[]): ImageBox {
  const { x: rx, y: ry, w, h } = prof.rect;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < h; y++) {
    if (prof.ruleRows[y]) continue;
    for (let x = c0; x < c1; x++) {
      if (prof.ink[y * w + x] && !prof.rules[x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x0 > x1) {
    // No ink found (low contrast): fall back to the characters' centres and the full line height.
    const xs = chars.map((c) => c.x - rx);
    x0 = Math.max(c0, Math.floor(Math.min(...xs) - textH / 3));
    x1 = Math.min(c1 - 1, Math.ceil(Math.max(...xs) + textH / 3));
    y0 = 0;
    y1 = h - 1;
  }
  // Margin: a fifth of the text height (at least 2 px) so the box reads as the element, not the glyph ink.
  const m = Math.max(2, Math.round(textH / 5));
  return [
    Math.max(rx, rx + x0 - m),
    Math.max(ry, ry + y0 - m),
    Math.min(rx + w, rx + x1 + 1 + m),
    Math.min(ry + h, ry + y1 + 1 + m),
  ];
}
