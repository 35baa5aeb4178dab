/**
 * Magma image preprocessing, as shared/MAGMA.md states it (and models/magma/magma_ref.py implements it):
 * RGB /255, CLIP normalization, best grid of crops, bilinear resize of the NORMALIZED tensor to the grid size
 * (align_corners=False, no antialias, aspect not preserved), 512x512 crops (cropSize) in row-major order.
 * Arithmetic mirrors PyTorch's float32 path so that pixel tensors agree within 1e-5.
 */
import type { RgbaImage } from '../ports.js';

export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

export interface PreprocessConfig {
  readonly cropSize: number;
  readonly maxCrops: number;
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
}

export interface Grid {
  readonly rows: number;
  readonly cols: number;
}

export interface PreprocessedImage {
  /** [crops, 3, cropSize, cropSize], crops in row-major order of the grid. */
  readonly pixels: Float32Array;
  readonly dims: readonly [number, 3, number, number];
  readonly grid: Grid;
  /** Per crop, a vision-cache key from the source image's bytes (vision-cache.ts, sourceCropKeys), when known. */
  readonly sourceKeys?: readonly string[];
}

/** Candidates (width, height) = (i*crop, j*crop), i in 1..max, j in 1..floor(max/i), in that order. */
export function gridCandidates(maxCrops: number, crop: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 1; i <= maxCrops; i++) for (let j = 1; j <= Math.floor(maxCrops / i); j++) out.push([i * crop, j * crop]);
  return out;
}

/** Max effective resolution, ties -> min waste, first wins a full tie. Returns rows (height) and cols (width). */
export function selectGrid(width: number, height: number, maxCrops: number, crop: number): Grid {
  if (!(width > 0 && height > 0)) throw new RangeError(`image size ${width}x${height} is empty`);
  let best: [number, number] = [crop, crop];
  let bestEff = -1;
  let bestWaste = Infinity;
  for (const [w, h] of gridCandidates(maxCrops, crop)) {
    const scale = Math.min(w / width, h / height);
    const eff = Math.min(Math.trunc(width * scale) * Math.trunc(height * scale), width * height);
    const waste = w * h - eff;
    if (eff > bestEff || (eff === bestEff && waste < bestWaste)) {
      best = [w, h];
      bestEff = eff;
      bestWaste = waste;
    }
  }
  return { rows: best[1] / crop, cols: best[0] / crop };
}

/** Visual tokens of one image: rows*cols*f*f features plus one row separator per feature row. */
export function visualTokenCount(grid: Grid, featuresPerSide: number, rowSeparator = true): number {
  return grid.rows * grid.cols * featuresPerSide * featuresPerSide + (rowSeparator ? grid.rows * featuresPerSide : 0);
}

const f32 = Math.fround;

/** RGBA bytes -> normalized float32 CHW [3, H, W]. */
export function normalize(img: RgbaImage, mean: readonly number[] = CLIP_MEAN, std: readonly number[] = CLIP_STD): Float32Array {
  const { width: W, height: H, data } = img;
  if (data.length < W * H * 4) throw new RangeError(`image data holds ${data.length} bytes, ${W}x${H} RGBA needs ${W * H * 4}`);
  const out = new Float32Array(3 * H * W);
  for (let c = 0; c < 3; c++) {
    const m = f32(mean[c]!);
    const s = f32(std[c]!);
    const lut = new Float32Array(256);
    for (let v = 0; v < 256; v++) lut[v] = f32(f32(f32(v / 255) - m) / s);
    const base = c * H * W;
    for (let i = 0; i < H * W; i++) out[base + i] = lut[data[i * 4 + c]!]!;
  }
  return out;
}

/** PyTorch's area_pixel_compute_source_index (align_corners=False) and neighbour/weight table for one axis. */
function axisTable(inSize: number, outSize: number): { i0: Int32Array; i1: Int32Array; w0: Float64Array; w1: Float64Array } {
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const w0 = new Float64Array(outSize);
  const w1 = new Float64Array(outSize);
  const scale = f32(inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    let src = f32(f32(scale * f32(o + 0.5)) - 0.5);
    if (src < 0) src = 0;
    const x0 = Math.trunc(src);
    const x1 = x0 + (x0 < inSize - 1 ? 1 : 0);
    const l1 = f32(src - x0);
    i0[o] = x0;
    i1[o] = x1;
    w1[o] = l1;
    w0[o] = f32(1 - l1);
  }
  return { i0, i1, w0, w1 };
}

/** Bilinear resize of CHW float data, align_corners=False, no antialias (ONNX Resize linear/half_pixel). */
export function resizeBilinear(src: Float32Array, channels: number, inH: number, inW: number, outH: number, outW: number): Float32Array {
  const out = new Float32Array(channels * outH * outW);
  const ty = axisTable(inH, outH);
  const tx = axisTable(inW, outW);
  for (let c = 0; c < channels; c++) {
    const sb = c * inH * inW;
    const ob = c * outH * outW;
    for (let y = 0; y < outH; y++) {
      const r0 = sb + ty.i0[y]! * inW;
      const r1 = sb + ty.i1[y]! * inW;
      const h0 = ty.w0[y]!;
      const h1 = ty.w1[y]!;
      const orow = ob + y * outW;
      for (let x = 0; x < outW; x++) {
        const a = tx.i0[x]!;
        const b = tx.i1[x]!;
        const w0 = tx.w0[x]!;
        const w1 = tx.w1[x]!;
        out[orow + x] = h0 * (w0 * src[r0 + a]! + w1 * src[r0 + b]!) + h1 * (w0 * src[r1 + a]! + w1 * src[r1 + b]!);
      }
    }
  }
  return out;
}

/** Source pixels one crop reads: columns x0 <= x < x1, rows y0 <= y < y1 of the input image. */
export interface SourceRect {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * The grid preprocessImage picks for an image of this size, and for each crop (row-major) the rectangle of input
 * pixels its values are computed from (the bilinear neighbours of its output pixels, from the same axis tables).
 * A crop's floats are a function of those bytes, the image's size and the config alone.
 */
export function cropSourceRects(width: number, height: number, cfg: PreprocessConfig): { grid: Grid; rects: SourceRect[] } {
  const S = cfg.cropSize;
  const grid = selectGrid(width, height, cfg.maxCrops, S);
  const ty = axisTable(height, grid.rows * S);
  const tx = axisTable(width, grid.cols * S);
  // i0 and i1 are non-decreasing along an axis, so a crop's range runs from its first output's i0 to its last's i1.
  const span = (t: { i0: Int32Array; i1: Int32Array }, k: number) => [t.i0[k * S]!, t.i1[(k + 1) * S - 1]! + 1] as const;
  const rects: SourceRect[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const [y0, y1] = span(ty, r);
    for (let c = 0; c < grid.cols; c++) {
      const [x0, x1] = span(tx, c);
      rects.push({ x0, x1, y0, y1 });
    }
  }
  return { grid, rects };
}

/**
 * One image -> crops for the vision graph (into `into` when it has exactly the tensor's length: a buffer used before
 * costs no page faults, where a fresh 12.6 MB one cost 40-50 ms on the 2-core VM). Resizes the 8-bit channels and normalizes each output value: the
 * normalization is affine and the two bilinear weights of each axis sum to 1, so this equals resizing the
 * normalized tensor (MAGMA.md step 4) up to float rounding (about 1e-7), at a fraction of the work.
 */
export function preprocessImage(img: RgbaImage, cfg: PreprocessConfig, into?: Float32Array): PreprocessedImage {
  return preprocessPart(img, cfg, undefined, into);
}

/**
 * Crop `crop` (row-major) of preprocessImage's result alone: [1, 3, S, S], the same floats bit for bit (the same
 * tables and arithmetic, over that crop's output pixels only). PreprocessWorker's threads compute an image's crops
 * side by side with it.
 */
export function preprocessCrop(img: RgbaImage, cfg: PreprocessConfig, crop: number, into?: Float32Array): PreprocessedImage {
  return preprocessPart(img, cfg, crop, into);
}

function preprocessPart(img: RgbaImage, cfg: PreprocessConfig, crop: number | undefined, into?: Float32Array): PreprocessedImage {
  const S = cfg.cropSize;
  const grid = selectGrid(img.width, img.height, cfg.maxCrops, S);
  const { width: inW, height: inH, data } = img;
  if (data.length < inW * inH * 4) throw new RangeError(`image data holds ${data.length} bytes, ${inW}x${inH} RGBA needs ${inW * inH * 4}`);
  const all = grid.rows * grid.cols;
  if (crop !== undefined && !(Number.isInteger(crop) && crop >= 0 && crop < all)) throw new RangeError(`crop ${crop} of a ${grid.rows}x${grid.cols} grid`);
  const mean = cfg.mean ?? CLIP_MEAN;
  const std = cfg.std ?? CLIP_STD;
  const H = grid.rows * S;
  const W = grid.cols * S;
  const ty = axisTable(inH, H);
  const tx = axisTable(inW, W);
  const n = crop === undefined ? all : 1;
  // Every value is written below, so a recycled buffer of the right length needs no clearing.
  const pixels = into && into.length === n * 3 * S * S ? into : new Float32Array(n * 3 * S * S);
  const xa = Int32Array.from(tx.i0, (v) => v * 4);
  const xb = Int32Array.from(tx.i1, (v) => v * 4);
  const norm = Float64Array.from([0, 1, 2].flatMap((c) => [1 / (255 * std[c]!), -mean[c]! / std[c]!]));
  // Output crop rows [r0, r1) and crop columns [c0, c1): the whole grid, or the one crop.
  const [r0, r1, c0, c1] = crop === undefined ? [0, grid.rows, 0, grid.cols] : [Math.floor(crop / grid.cols), Math.floor(crop / grid.cols) + 1, crop % grid.cols, (crop % grid.cols) + 1];
  resizeNormalizeInto(pixels, data, inW, ty.i0, ty.i1, ty.w0, ty.w1, xa, xb, tx.w0, tx.w1, norm, W, S, grid.cols, r0, r1, c0, c1, crop ?? 0);
  return { pixels, dims: [n, 3, S, S], grid };
}

/**
 * The resize and normalization loop, in a function of its own that takes only typed arrays and numbers. Inside
 * preprocessImage its optimized code was thrown away at the first property access after the loop on every call
 * (V8's --trace-deopt: "insufficient type feedback"); here it deoptimizes once. That was not what made some calls
 * 60-100 ms instead of 15: those were page faults of a fresh output tensor (see `into`). `norm` holds scale and
 * shift per channel: [s0, h0, s1, h1, s2, h2]. It computes output crop rows [r0, r1) x crop columns [c0, c1) of the
 * grid (x and y below are output pixels of the whole grid image), crop k going to pixels[(k - firstCrop) * 3*S*S].
 */
function resizeNormalizeInto(
  pixels: Float32Array, data: Uint8Array, inW: number, yi0: Int32Array, yi1: Int32Array, yw0: Float64Array, yw1: Float64Array,
  xa: Int32Array, xb: Int32Array, xw0: Float64Array, xw1: Float64Array, norm: Float64Array, W: number, S: number, cols: number,
  r0: number, r1: number, c0: number, c1: number, firstCrop: number,
): void {
  // Horizontal pass of a source row, all three channels at once (one read of the RGBA indices and weights),
  // reused across the output rows that need it; then the vertical blend and normalization per channel.
  let row0 = new Float64Array(3 * W);
  let row1 = new Float64Array(3 * W);
  const plane = S * S;
  let cached0 = -1;
  let cached1 = -1;
  const xs = c0 * S;
  const xe = c1 * S;
  for (let y = r0 * S; y < r1 * S; y++) {
    const y0 = yi0[y]!;
    const y1 = yi1[y]!;
    if (y0 !== cached0 && y0 === cached1) {
      const t = row0;
      row0 = row1;
      row1 = t;
      cached0 = y0;
      cached1 = -1;
    }
    if (y0 !== cached0) {
      horizontal3(data, y0 * inW * 4, xa, xb, xw0, xw1, row0, W, xs, xe);
      cached0 = y0;
    }
    if (y1 !== cached1) {
      horizontal3(data, y1 * inW * 4, xa, xb, xw0, xw1, row1, W, xs, xe);
      cached1 = y1;
    }
    const h0 = yw0[y]!;
    const h1 = yw1[y]!;
    const r = Math.floor(y / S);
    const yy = y - r * S;
    for (let c = 0; c < 3; c++) {
      const sc = norm[2 * c]!;
      const sh = norm[2 * c + 1]!;
      const rb = c * W;
      for (let cc = c0; cc < c1; cc++) {
        const base = ((r * cols + cc - firstCrop) * 3 + c) * plane + yy * S;
        const x0 = rb + cc * S;
        for (let x = 0; x < S; x++) pixels[base + x] = (h0 * row0[x0 + x]! + h1 * row1[x0 + x]!) * sc + sh;
      }
    }
  }
}

/** Bilinear horizontal pass of one RGBA source row into three channel rows (out = [R row | G row | B row]), x in [xs, xe). */
function horizontal3(data: Uint8Array, rowStart: number, xa: Int32Array, xb: Int32Array, w0: Float64Array, w1: Float64Array, out: Float64Array, W: number, xs: number, xe: number): void {
  for (let x = xs; x < xe; x++) {
    const a = rowStart + xa[x]!;
    const b = rowStart + xb[x]!;
    const u = w0[x]!;
    const v = w1[x]!;
    out[x] = u * data[a]! + v * data[b]!;
    out[W + x] = u * data[a + 1]! + v * data[b + 1]!;
    out[2 * W + x] = u * data[a + 2]! + v * data[b + 2]!;
  }
}
