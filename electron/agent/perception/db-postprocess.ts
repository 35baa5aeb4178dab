/**
 * DB (Differentiable Binarization) post-processing for PaddleOCR's detector, axis-aligned: screen text is
 * horizontal, so the rotated min-area rectangles of PaddleOCR's DBPostProcess reduce to component bounding boxes.
 *
 * Steps, as in PaddleOCR (ppocr/postprocess/db_postprocess.py): probability > thresh -> binary map (optional 2x2
 * dilation) -> connected components (8-connected, like cv2.findContours' outer contours) -> drop components whose
 * short side < minSize -> box score = mean probability inside the box ('fast' mode) -> drop < boxThresh -> unclip
 * (the detector predicts a shrunk kernel; grow it back by d = area * unclipRatio / perimeter) -> drop tiny boxes.
 * All coordinates here are px of the probability map, which is the detector's input (same size, stride 1).
 */

export interface DbOptions {
  /** Probability above which a map pixel is text (PaddleOCR det_db_thresh 0.3). */
  readonly thresh?: number;
  /** Minimum mean probability inside a box (PaddleOCR det_db_box_thresh 0.6). */
  readonly boxThresh?: number;
  /** Kernel growth (PaddleOCR det_db_unclip_ratio 1.5). */
  readonly unclipRatio?: number;
  /** Components with a short side below this (map px) are noise (PaddleOCR min_size 3). */
  readonly minSize?: number;
  /** Dilate the binary map with a 2x2 kernel before labelling (PaddleOCR use_dilation; OmniParser turns it on). */
  readonly dilate?: boolean;
  /** At most this many boxes, largest components first (PaddleOCR max_candidates 1000). */
  readonly maxCandidates?: number;
}

/** A text box [x1, y1, x2, y2] in map px (continuous, x2/y2 exclusive) with its score. */
export interface DbBox {
  readonly box: [number, number, number, number];
  readonly score: number;
}

export function dbPostprocess(prob: Float32Array, width: number, height: number, opts: DbOptions = {}): DbBox[] {
  const thresh = opts.thresh ?? 0.3;
  const boxThresh = opts.boxThresh ?? 0.6;
  const unclipRatio = opts.unclipRatio ?? 1.5;
  const minSize = opts.minSize ?? 3;
  const maxCandidates = opts.maxCandidates ?? 1000;
  if (prob.length < width * height) throw new RangeError(`probability map has ${prob.length} values, expected ${width}x${height}`);

  const n = width * height;
  let mask: Uint8Array = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = prob[i]! > thresh ? 1 : 0;
  if (opts.dilate) mask = dilate2x2(mask, width, height);

  // Two-pass labelling with union-find (8-connectivity). Labels start at 1.
  const labels = new Int32Array(n);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a]! !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (!mask[i]) continue;
      let l = 0;
      if (x > 0 && labels[i - 1]) l = labels[i - 1]!;
      if (y > 0) {
        const up = i - width;
        const a = x > 0 ? labels[up - 1]! : 0;
        const b = labels[up]!;
        const c = x < width - 1 ? labels[up + 1]! : 0;
        if (a) l = l ? union(l, a) : a;
        if (b) l = l ? union(l, b) : b;
        if (c) l = l ? union(l, c) : c;
      }
      if (!l) {
        l = parent.length;
        parent.push(l);
      }
      labels[i] = l;
    }
  }

  // Per root: pixel extent and pixel count.
  const roots = new Map<number, { x0: number; y0: number; x1: number; y1: number; count: number }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x]!;
      if (!l) continue;
      const r = find(l);
      const c = roots.get(r);
      if (c) {
        if (x < c.x0) c.x0 = x;
        if (x > c.x1) c.x1 = x;
        if (y < c.y0) c.y0 = y;
        if (y > c.y1) c.y1 = y;
        c.count++;
      } else roots.set(r, { x0: x, y0: y, x1: x, y1: y, count: 1 });
    }
  }

  const comps = [...roots.values()].sort((a, b) => b.count - a.count).slice(0, maxCandidates);
  const out: DbBox[] = [];
  for (const c of comps) {
    // Pixel extent: [x0, x1 + 1) x [y0, y1 + 1).
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    if (Math.min(w, h) < minSize) continue;
    let sum = 0;
    for (let y = c.y0; y <= c.y1; y++) {
      const row = y * width;
      for (let x = c.x0; x <= c.x1; x++) sum += prob[row + x]!;
    }
    const score = sum / (w * h);
    if (score < boxThresh) continue;
    const d = (w * h * unclipRatio) / (2 * (w + h));
    const x1 = Math.max(0, c.x0 - d);
    const y1 = Math.max(0, c.y0 - d);
    const x2 = Math.min(width, c.x1 + 1 + d);
    const y2 = Math.min(height, c.y1 + 1 + d);
    if (Math.min(x2 - x1, y2 - y1) < minSize + 2) continue;
    out.push({ box: [x1, y1, x2, y2], score });
  }
  return out;
}

/** Binary dilation with a 2x2 kernel anchored top-left, as cv2.dilate(mask, [[1,1],[1,1]]) does. */
function dilate2x2(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      // cv2's 2x2 kernel has its anchor at (1,1): the output looks at (x-1..x, y-1..y).
      out[i] = mask[i]! | (x > 0 ? mask[i - 1]! : 0) | (y > 0 ? mask[i - width]! : 0) | (x > 0 && y > 0 ? mask[i - width - 1]! : 0);
    }
  }
  return out;
}
