/**
 * Classical widget detection (no weights), in the spirit of UIED (Chen et al., FSE 2020): controls are drawn as
 * closed outlines or filled blocks, so their interiors are regions of the image bounded on all four sides by
 * edges.
 *
 * 1. Edge map: a pixel is an edge when any RGB channel differs from its left or upper neighbour by at least
 *    `edgeThreshold` levels (a 1 px border becomes a 2 px wall; soft gradients stay below the threshold).
 * 2. Regions: 4-connected runs of non-edge pixels, labelled row by row with union-find over runs (fast: a
 *    1920x1080 screen has ~10^5 runs, not 2*10^6 pixels).
 * 3. Rectangles: a region not touching the image border whose middle rows reach its bounding box's left and right
 *    columns and whose middle columns reach its top and bottom rows: a box-shaped interior (text inside it only
 *    makes holes). Rounded corners pass; ellipses (the inside of an "O") fail.
 * 4. Grid cells (a table's cells share their walls with neighbours on both axes) are told apart from controls
 *    (which stand apart, with background between them).
 *
 * Classification with the OCR text comes later (merge.ts); this file only finds boxes and their shape facts.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage } from '../ports.js';

export interface WidgetOptions {
  /** Channel difference (0..255) that makes an edge. */
  readonly edgeThreshold?: number;
  /** Interiors smaller than this (px, either side) are glyph holes, not controls. */
  readonly minSide?: number;
  /** Interiors larger than this fraction of the image (either side) are panels or windows. */
  readonly maxFraction?: number;
}

/** A box-shaped interior region. */
export interface RectRegion {
  /** Interior bounding box, image px, [x1, y1, x2, y2) exclusive. */
  readonly inner: ImageBox;
  /** The box including its wall (inner grown by the wall, clipped): what a person sees as the control. */
  readonly outer: ImageBox;
  /** Interior pixels / bounding-box pixels (holes such as text lower it). */
  readonly fill: number;
  /** True when it shares walls with other rectangles on both axes (a table or grid cell). */
  readonly gridCell: boolean;
  /** Mean RGB of the interior (its background colour). */
  readonly bg: readonly [number, number, number];
  /** Number of distinct holes (connected edge blobs wholly inside), capped at 64: 0 = empty box. */
  readonly holes: number;
}

export interface EdgeMap {
  readonly width: number;
  readonly height: number;
  /** 1 = edge. */
  readonly edges: Uint8Array;
}

export function edgeMap(img: RgbaImage, threshold = 24): EdgeMap {
  const { width: w, height: h, data: d } = img;
  const edges = new Uint8Array(w * h);
  const stride = w * 4;
  for (let y = 0; y < h; y++) {
    let p = y * stride;
    let i = y * w;
    for (let x = 0; x < w; x++, p += 4, i++) {
      const r = d[p]!;
      const g = d[p + 1]!;
      const b = d[p + 2]!;
      let e = 0;
      if (x > 0) {
        if (Math.abs(r - d[p - 4]!) >= threshold || Math.abs(g - d[p - 3]!) >= threshold || Math.abs(b - d[p - 2]!) >= threshold) e = 1;
      }
      if (!e && y > 0) {
        const q = p - stride;
        if (Math.abs(r - d[q]!) >= threshold || Math.abs(g - d[q + 1]!) >= threshold || Math.abs(b - d[q + 2]!) >= threshold) e = 1;
      }
      edges[i] = e;
    }
  }
  return { width: w, height: h, edges };
}

interface Runs {
  /** Per run: row, first x, last x (inclusive). */
  readonly y: Int32Array;
  readonly x0: Int32Array;
  readonly x1: Int32Array;
  readonly count: number;
  /** Union-find root of each run after labelling. */
  readonly root: Int32Array;
}

/** Labels 4-connected runs of pixels where mask[i] === want. */
function labelRuns(mask: Uint8Array, w: number, h: number, want: number): Runs {
  let cap = 1 << 16;
  let ys = new Int32Array(cap);
  let x0s = new Int32Array(cap);
  let x1s = new Int32Array(cap);
  let n = 0;
  const rowStart = new Int32Array(h + 1);
  for (let y = 0; y < h; y++) {
    rowStart[y] = n;
    const base = y * w;
    let x = 0;
    while (x < w) {
      while (x < w && mask[base + x] !== want) x++;
      if (x >= w) break;
      const s = x;
      while (x < w && mask[base + x] === want) x++;
      if (n === cap) {
        cap *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(cap);
          b.set(a);
          return b;
        };
        ys = grow(ys);
        x0s = grow(x0s);
        x1s = grow(x1s);
      }
      ys[n] = y;
      x0s[n] = s;
      x1s[n] = x - 1;
      n++;
    }
  }
  rowStart[h] = n;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  for (let y = 1; y < h; y++) {
    let a = rowStart[y - 1]!;
    const aEnd = rowStart[y]!;
    for (let b = rowStart[y]!; b < rowStart[y + 1]!; b++) {
      while (a < aEnd && x1s[a]! < x0s[b]!) a++;
      for (let k = a; k < aEnd && x0s[k]! <= x1s[b]!; k++) {
        const ra = find(k);
        const rb = find(b);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = find(i);
  return { y: ys, x0: x0s, x1: x1s, count: n, root };
}

/**
 * Box-shaped interiors of the image. Sorted by area, smallest first.
 */
export function findRectRegions(img: RgbaImage, opts: WidgetOptions = {}, em: EdgeMap = edgeMap(img, opts.edgeThreshold ?? 24)): RectRegion[] {
  const { width: w, height: h, edges } = em;
  const minSide = opts.minSide ?? 7;
  const maxFraction = opts.maxFraction ?? 0.6;
  const runs = labelRuns(edges, w, h, 0);
  const n = runs.count;
  // Per root: bbox and area.
  const bx0 = new Int32Array(n).fill(w);
  const by0 = new Int32Array(n).fill(h);
  const bx1 = new Int32Array(n).fill(-1);
  const by1 = new Int32Array(n).fill(-1);
  const area = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = runs.root[i]!;
    const y = runs.y[i]!;
    if (runs.x0[i]! < bx0[r]!) bx0[r] = runs.x0[i]!;
    if (runs.x1[i]! > bx1[r]!) bx1[r] = runs.x1[i]!;
    if (y < by0[r]!) by0[r] = y;
    if (y > by1[r]!) by1[r] = y;
    area[r]! += runs.x1[i]! - runs.x0[i]! + 1;
  }
  // Candidate roots: size window, not touching the image border, interior at least 40% of its box.
  const cand = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (runs.root[r] !== r) continue;
    const bw = bx1[r]! - bx0[r]! + 1;
    const bh = by1[r]! - by0[r]! + 1;
    if (bw < minSide || bh < minSide || bw > maxFraction * w || bh > maxFraction * h) continue;
    if (bx0[r] === 0 || by0[r] === 0 || bx1[r] === w - 1 || by1[r] === h - 1) continue;
    if (area[r]! < 0.4 * bw * bh) continue;
    cand[r] = 1;
  }
  // Shape test: rows in the middle 60% reach the left and right columns; columns in the middle 60% reach the top
  // and bottom rows (tolerance 1 px).
  const leftRows = new Int32Array(n);
  const rightRows = new Int32Array(n);
  const topCover = new Int32Array(n);
  const botCover = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = runs.root[i]!;
    if (!cand[r]) continue;
    const y = runs.y[i]!;
    const bh = by1[r]! - by0[r]! + 1;
    const bw = bx1[r]! - bx0[r]! + 1;
    const midY0 = by0[r]! + Math.floor(0.2 * bh);
    const midY1 = by1[r]! - Math.floor(0.2 * bh);
    if (y >= midY0 && y <= midY1) {
      if (runs.x0[i]! <= bx0[r]! + 1) leftRows[r]!++;
      if (runs.x1[i]! >= bx1[r]! - 1) rightRows[r]!++;
    }
    if (y <= by0[r]! + 1 || y >= by1[r]! - 1) {
      const m0 = bx0[r]! + Math.floor(0.2 * bw);
      const m1 = bx1[r]! - Math.floor(0.2 * bw);
      const ov = Math.min(m1, runs.x1[i]!) - Math.max(m0, runs.x0[i]!) + 1;
      if (ov > 0) {
        if (y <= by0[r]! + 1) topCover[r]! = Math.max(topCover[r]!, ov);
        if (y >= by1[r]! - 1) botCover[r]! = Math.max(botCover[r]!, ov);
      }
    }
  }
  // Solid fill: per row, the span from the leftmost to the rightmost interior pixel (holes count as inside).
  const spans = new Map<number, Int32Array>();
  for (let i = 0; i < n; i++) {
    const r = runs.root[i]!;
    if (!cand[r]) continue;
    const bh = by1[r]! - by0[r]! + 1;
    let sp = spans.get(r);
    if (!sp) {
      sp = new Int32Array(2 * bh);
      for (let k = 0; k < bh; k++) {
        sp[2 * k] = w;
        sp[2 * k + 1] = -1;
      }
      spans.set(r, sp);
    }
    const k = runs.y[i]! - by0[r]!;
    if (runs.x0[i]! < sp[2 * k]!) sp[2 * k] = runs.x0[i]!;
    if (runs.x1[i]! > sp[2 * k + 1]!) sp[2 * k + 1] = runs.x1[i]!;
  }
  const solidFill = (r: number): number => {
    const sp = spans.get(r)!;
    let s = 0;
    for (let k = 0; k < sp.length; k += 2) if (sp[k + 1]! >= sp[k]!) s += sp[k + 1]! - sp[k]! + 1;
    return s / ((bx1[r]! - bx0[r]! + 1) * (by1[r]! - by0[r]! + 1));
  };
  const rects: { r: number; box: ImageBox; fill: number }[] = [];
  for (let r = 0; r < n; r++) {
    if (!cand[r]) continue;
    const bh = by1[r]! - by0[r]! + 1;
    const bw = bx1[r]! - bx0[r]! + 1;
    const midRows = bh - 2 * Math.floor(0.2 * bh);
    const midCols = bw - 2 * Math.floor(0.2 * bw);
    // A label may touch one wall (xcalc's "trunc"): one side may be reached by only half of the middle rows.
    const lr = leftRows[r]! / midRows;
    const rr = rightRows[r]! / midRows;
    const boxy = Math.min(lr, rr) >= 0.45 && Math.max(lr, rr) >= 0.8 && topCover[r]! >= 0.7 * midCols && botCover[r]! >= 0.7 * midCols;
    // Pill-shaped buttons (Xaw's rounded Command, rounded web buttons): flat top and bottom, round ends, and a
    // solid outline filling most of the box. The inside of an "O" is an ellipse: no flat top, fill ~0.79.
    const pill = !boxy && bw > 1.3 * bh && topCover[r]! >= 0.5 * midCols && botCover[r]! >= 0.5 * midCols && solidFill(r) >= 0.84;
    if (!boxy && !pill) continue;
    rects.push({ r, box: [bx0[r]!, by0[r]!, bx1[r]! + 1, by1[r]! + 1], fill: area[r]! / (bw * bh) });
  }

  // Wall thickness and neighbours: step outward from the middle of each side across the edge wall (at most 4 px)
  // and see whose interior starts there.
  const rootAt = new Int32Array(w * h).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = runs.root[i]!;
    const base = runs.y[i]! * w;
    rootAt.fill(r, base + runs.x0[i]!, base + runs.x1[i]! + 1);
  }
  const isRect = new Map<number, ImageBox>(rects.map((q) => [q.r, q.box]));
  const out: RectRegion[] = [];
  for (const q of rects) {
    const [x0, y0, x1, y1] = q.box;
    const cx = (x0 + x1) >> 1;
    const cy = (y0 + y1) >> 1;
    const probe = (dx: number, dy: number, sx: number, sy: number): { wall: number; nb: number } => {
      let x = sx;
      let y = sy;
      for (let k = 1; k <= 4; k++) {
        x += dx;
        y += dy;
        if (x < 0 || y < 0 || x >= w || y >= h) return { wall: k - 1, nb: -1 };
        const rr = rootAt[y * w + x]!;
        if (rr >= 0) return { wall: k - 1, nb: rr };
      }
      return { wall: 4, nb: -1 };
    };
    const L = probe(-1, 0, x0, cy);
    const R = probe(1, 0, x1 - 1, cy);
    const T = probe(0, -1, cx, y0);
    const B = probe(0, 1, cx, y1 - 1);
    const sharesH = [L, R].some((p) => p.nb >= 0 && isRect.has(p.nb) && overlap1(isRect.get(p.nb)!, q.box, 1) > 0.8);
    const sharesV = [T, B].some((p) => p.nb >= 0 && isRect.has(p.nb) && overlap1(isRect.get(p.nb)!, q.box, 0) > 0.8);
    // An edge marks the pixel after a change: a 1 px line on the left/top gives a 2 px wall that is all line
    // and the pixel inside it; on the right/bottom the wall's last pixel is already the background outside.
    const m = (p: { wall: number }) => Math.min(p.wall, 3);
    const outer: ImageBox = [Math.max(0, x0 - m(L)), Math.max(0, y0 - m(T)), Math.min(w, x1 + Math.max(0, m(R) - 1)), Math.min(h, y1 + Math.max(0, m(B) - 1))];
    out.push({ inner: q.box, outer, fill: q.fill, gridCell: sharesH && sharesV, bg: meanColour(img, rootAt, q.r, q.box), holes: countHoles(em, q.box) });
  }
  out.sort((a, b) => boxArea(a.inner) - boxArea(b.inner));
  return out;
}

/**
 * Overlap of two boxes along an axis (0 = x, 1 = y) over the longer extent: cells of one table row have the same
 * height, of one column the same width; a toolbar button over a wide status bar does not count.
 */
function overlap1(a: ImageBox, b: ImageBox, axisIdx: 0 | 1): number {
  const lo = Math.max(a[axisIdx], b[axisIdx]);
  const hi = Math.min(a[axisIdx + 2]!, b[axisIdx + 2]!);
  const len = Math.max(a[axisIdx + 2]! - a[axisIdx], b[axisIdx + 2]! - b[axisIdx]);
  return len > 0 ? Math.max(0, hi - lo) / len : 0;
}

function meanColour(img: RgbaImage, rootAt: Int32Array, r: number, box: ImageBox): [number, number, number] {
  const [x0, y0, x1, y1] = box;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let c = 0;
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 400)));
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      if (rootAt[y * img.width + x] !== r) continue;
      const p = (y * img.width + x) * 4;
      s0 += img.data[p]!;
      s1 += img.data[p + 1]!;
      s2 += img.data[p + 2]!;
      c++;
    }
  }
  return c ? [s0 / c, s1 / c, s2 / c] : [0, 0, 0];
}

/** Edge blobs strictly inside the box (4-connected), counted up to 64. */
function countHoles(em: EdgeMap, box: ImageBox): number {
  const [x0, y0, x1, y1] = box;
  const bw = x1 - x0;
  const bh = y1 - y0;
  const seen = new Uint8Array(bw * bh);
  let holes = 0;
  const stack: number[] = [];
  for (let y = 1; y < bh - 1; y++) {
    for (let x = 1; x < bw - 1; x++) {
      const i = y * bw + x;
      if (seen[i] || !em.edges[(y0 + y) * em.width + x0 + x]) continue;
      holes++;
      if (holes >= 64) return holes;
      seen[i] = 1;
      stack.push(i);
      while (stack.length) {
        const j = stack.pop()!;
        const jx = j % bw;
        const jy = (j - jx) / bw;
        for (const [nx, ny] of [
          [jx - 1, jy],
          [jx + 1, jy],
          [jx, jy - 1],
          [jx, jy + 1],
        ] as const) {
          if (nx < 1 || ny < 1 || nx >= bw - 1 || ny >= bh - 1) continue;
          const k = ny * bw + nx;
          if (seen[k] || !em.edges[(y0 + ny) * em.width + x0 + nx]) continue;
          seen[k] = 1;
          stack.push(k);
        }
      }
    }
  }
  return holes;
}

export function boxArea(b: ImageBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}
