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
  /** Ink colour class of the segment: 'n' neutral (grey/black/white), else a hue sector 'h0'..'h5'. */
  readonly ink?: string;
  /** Mean RGB of the line's background (its most common luminance). */
  readonly bg?: readonly [number, number, number];
  /** True when every character of the line had the segment's ink class. */
  readonly wholeLine?: boolean;
  /** True when the segment came out of a line cut at item separators ("a | b | c", "a » b"): a menu or breadcrumb. */
  readonly menu?: boolean;
}

/** Item separators of menus and breadcrumbs: the line is cut around them and they are dropped. */
const SEPARATORS = new Set(['|', '»', '›', '｜', '·', '•', '≫', '》', '〉']);

/**
 * Ink colour class around column x (image px): the mean RGB of the strongest-contrast ink pixels within +-r
 * columns; 'n' when its chroma is below 60, else one of six hue sectors. Links differ from body text by colour.
 */
function inkClass(img: RgbaImage, prof: InkProfile, xImg: number, r: number, bgL: number): string {
  const { x: rx, y: ry, w, h } = prof.rect;
  const c0 = Math.max(0, Math.round(xImg - rx - r));
  const c1 = Math.min(w - 1, Math.round(xImg - rx + r));
  let maxD = 0;
  for (let y = 0; y < h; y++) for (let x = c0; x <= c1; x++) if (prof.ink[y * w + x]) maxD = Math.max(maxD, Math.abs(lum(img.data, ((ry + y) * img.width + rx + x) * 4) - bgL));
  let sr = 0;
  let sg = 0;
  let sb = 0;
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = c0; x <= c1; x++) {
      if (!prof.ink[y * w + x] || prof.rules[x]) continue;
      const p = ((ry + y) * img.width + rx + x) * 4;
      if (Math.abs(lum(img.data, p) - bgL) < 0.66 * maxD) continue;
      sr += img.data[p]!;
      sg += img.data[p + 1]!;
      sb += img.data[p + 2]!;
      n++;
    }
  }
  if (!n) return 'n';
  const R = sr / n;
  const G = sg / n;
  const B = sb / n;
  const mx = Math.max(R, G, B);
  const mn = Math.min(R, G, B);
  if (mx - mn < 60) return 'n';
  let hue = mx === R ? (G - B) / (mx - mn) : mx === G ? 2 + (B - R) / (mx - mn) : 4 + (R - G) / (mx - mn);
  hue = (hue + 6) % 6;
  return `h${Math.floor(hue + 0.5) % 6}`;
}

export interface SplitOptions {
  /** Cut at an ink-free gap at least this many text heights wide. */
  readonly gapFactor?: number;
  /** A column whose ink covers at least this fraction of the text band's rows is a vertical rule. */
  readonly ruleFill?: number;
}

/**
 * Interiors (image px, [x0, x1)) of controls the line runs across (from widget detection). A line is cut at their
 * edges, and bracket-like characters centred within 4 px of an edge are the controls' outlines read
 * as text (Xaw's pill buttons come back as "Yes)No)(Cancel)"), so they are dropped.
 */
export type ControlSpans = readonly (readonly [number, number])[];
const OUTLINE_CHARS = new Set(['(', ')', '[', ']', '|', '（', '）', '【', '】', '｜', '〔', '〕']);

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
  /** Background luminance and RGB. */
  readonly bgL: number;
  readonly bgRgb: readonly [number, number, number];
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
  // Background RGB: the mean of the pixels in the most common luminance bin.
  let br = 0;
  let bgG = 0;
  let bb = 0;
  let bn = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (L[y * w + x]! >> 3 !== mode) continue;
      const p = (ry + y) * stride + (rx + x) * 4;
      br += d[p]!;
      bgG += d[p + 1]!;
      bb += d[p + 2]!;
      bn++;
    }
  }
  const bgRgb: [number, number, number] = bn ? [br / bn, bgG / bn, bb / bn] : [bg, bg, bg];
  return { rect, cols, rules, textTop, textBottom, ink, ruleRows, bgL: bg, bgRgb };
}

/**
 * Splits a line (its box `rect` in image px, its characters placed in image px) into segments. Characters are
 * taken in x order; spaces ride along but never start or end a segment.
 */
export function splitLine(img: RgbaImage, rect: Rect, chars: readonly PlacedChar[], opts: SplitOptions = {}, controls: ControlSpans = []): LineSegment[] {
  const gapFactor = opts.gapFactor ?? 1.0;
  const prof = inkProfile(img, rect, opts.ruleFill ?? 0.85);
  const within = (x: number) => controls.findIndex(([a, b]) => x >= a && x < b);
  const nearEdge = (x: number) => controls.some(([a, b]) => Math.abs(x - a) <= 4 || Math.abs(x - b) <= 4);
  const sorted = [...chars]
    .filter((c) => !(controls.length && OUTLINE_CHARS.has(c.char) && nearEdge(c.x)))
    .sort((a, b) => a.x - b.x);
  const sepChars = new Set(sorted.filter((c) => SEPARATORS.has(c.char)));
  for (const c of breadcrumbArrows(sorted)) sepChars.add(c);
  const seps = [...sepChars].map((c) => c.x);
  const solid = sorted.filter((c) => c.char.trim() !== '' && !sepChars.has(c));
  if (solid.length === 0) return [];
  const textH = prof.textTop >= 0 ? prof.textBottom - prof.textTop + 1 : rect.h;
  const minGap = gapFactor * textH;
  const w = rect.w;
  const col = (xImg: number): number => Math.min(w - 1, Math.max(0, Math.round(xImg - rect.x)));

  const cls = solid.map((c) => inkClass(img, prof, c.x, Math.max(1, textH * 0.3), prof.bgL));
  const wholeLine = cls.every((c) => c === cls[0]);
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
    const ca = controls.length ? within(solid[i]!.x) : -1;
    const cb = controls.length ? within(solid[i + 1]!.x) : -1;
    const sep = seps.find((x) => x > solid[i]!.x && x < solid[i + 1]!.x);
    if (sep !== undefined) {
      cuts.push(Math.min(b, Math.max(a + 1, Math.round(sep - rect.x))));
    } else if (ca !== cb) {
      // Different controls (or one control and outside): cut at the edge between them.
      const edge = ca >= 0 ? controls[ca]![1] : controls[cb]![0];
      cuts.push(Math.min(b, Math.max(a + 1, Math.round(edge - rect.x))));
    } else if (rule >= 0) cuts.push(rule);
    else if (bestLen >= minGap) cuts.push(bestMid);
    else if (cls[i] !== cls[i + 1] && bestLen > 0) cuts.push(bestMid);
  }

  // A line that ends in a separator ("Python »") is the first item of a breadcrumb whose next item the detector
  // read as a line of its own. Bullets (· •) start items, never end them, so they do not count here. The line is
  // cut in the middle of the blank before the separator, so that its ink stays out of the item's box.
  const lastSolid = solid[solid.length - 1]!.x;
  const trailing = [...sepChars].filter((c) => c.x > lastSolid && c.char !== '·' && c.char !== '•').sort((a, b) => a.x - b.x)[0];
  const trailingSep = trailing !== undefined;
  if (trailing) {
    const a = col(lastSolid);
    const b = col(trailing.x);
    let best: [number, number] = [b, b];
    for (let x = a + 1, run = -1; x <= b; x++) {
      const blank = x < b && prof.cols[x] === 0;
      if (blank && run < 0) run = x;
      if (!blank && run >= 0) {
        if (x - run > best[1] - best[0]) best = [run, x];
        run = -1;
      }
    }
    cuts.push(Math.max(a + 1, Math.floor((best[0] + best[1]) / 2)));
  }
  const bounds = [0, ...cuts, w];
  const segments: LineSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const c0 = bounds[s]!;
    const c1 = bounds[s + 1]!;
    const mine = sorted.filter((ch) => !sepChars.has(ch)).filter((ch) => {
      const c = col(ch.x);
      return c >= c0 && (c < c1 || (s + 2 === bounds.length && c <= c1));
    });
    const text = mine.map((c) => c.char).join('').trim();
    if (!text) continue;
    const confidence = mine.reduce((t, c) => t + c.prob, 0) / mine.length;
    // The segment's ink class: the majority over its solid characters.
    const votes = new Map<string, number>();
    solid.forEach((c, k) => {
      const cc = col(c.x);
      if (cc >= c0 && (cc < c1 || (s + 2 === bounds.length && cc <= c1))) votes.set(cls[k]!, (votes.get(cls[k]!) ?? 0) + 1);
    });
    const ink = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'n';
    // The separator's own ink stays out of the box: keep only the columns around this segment's characters.
    const xs = mine.map((c) => col(c.x));
    const pad = Math.ceil(textH * 0.6);
    const k0 = seps.length ? Math.max(c0, Math.min(...xs) - pad) : c0;
    const k1 = seps.length ? Math.min(c1, Math.max(...xs) + pad + 1) : c1;
    segments.push({ text, box: inkBox(prof, k0, k1, textH, mine), confidence, ink, bg: prof.bgRgb, wholeLine, menu: (seps.length > 0 && bounds.length > 2) || trailingSep });
  }
  return segments;
}

/**
 * ">" used as a breadcrumb separator ("3.11.2 Documentation > The Python Standard Library > json"): a lone ">"
 * between spaces, in a line with no operator or bracket characters (code: "if x > 0:", "len(a) > b") whose items
 * are at least two characters and hold a letter each. Characters in x order.
 */
export function breadcrumbArrows(sorted: readonly PlacedChar[]): PlacedChar[] {
  const arrows = sorted.filter((c, i) => (c.char === '>' || c.char === '＞') && sorted[i - 1]?.char === ' ' && sorted[i + 1]?.char === ' ');
  if (!arrows.length) return [];
  const text = sorted.map((c) => c.char).join('');
  if (/[=<()[\]{}+*:;/\\|&%$#@!?"'`]/.test(text.replace(/ [>＞] /g, ' '))) return [];
  const items = text.split(/ [>＞] /).map((t) => t.trim());
  if (items.some((t) => t.length < 2 || !/\p{L}/u.test(t))) return [];
  return arrows;
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
