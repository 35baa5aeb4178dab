/**
 * An exact cache of vision features per crop (#16): a step whose screenshot crops did not change skips the
 * vision session for them. Exact because the key is the sha256 of the crop's preprocessed float32 bytes (the
 * very tensor the vision session would get; cropKey) or of the screenshot bytes and settings those floats are
 * computed from (sourceCropKeys), so only identical input returns the features computed before.
 *
 * Why per crop is sound: the vision graph runs the ConvNeXt trunk on each crop of the batch independently, the
 * projector is per token, and the stitching only places each crop's f x f tokens in the (rows*f) x (cols*f) map
 * with a learned (input-independent) row separator after every feature row (models/magma/magma_ref.py,
 * image_features). So a crop's tokens can be cut out of one run and stitched into another grid.
 *
 * Invariants: entries are arrays no caller holds (MagmaModel hands over the crops it split) and are copied when
 * stitched, so no caller can change them; the cache belongs to one MagmaModel (one set of sessions), so a new
 * bundle or session starts empty.
 */
import { createHash } from 'node:crypto';
import type { RgbaImage } from '../ports.js';
import { cropSourceRects, type Grid, type PreprocessConfig } from './preprocess.js';

/** sha256 of one crop's float32 values (byte-exact: -0 and NaN payloads count as different bytes). */
export function cropKey(crop: Float32Array): string {
  return `px:${createHash('sha256').update(new Uint8Array(crop.buffer, crop.byteOffset, crop.byteLength)).digest('hex')}`;
}

/**
 * Keys of an image's crops from its RGBA bytes (cropSourceRects), before or while the crops are computed: the
 * screenshot's bytes are two thirds of the crops' floats, and MagmaModel hashes them on the main thread while the
 * preprocessing thread resizes (the float keys took 7 ms of a 2x2 step's critical path on the 2-core VM). Exact as
 * cropKey: equal keys mean equal source bytes, size and config, so equal floats. A different prefix from cropKey, so
 * the two kinds of key never match each other.
 */
export function sourceCropKeys(img: RgbaImage, cfg: PreprocessConfig): string[] {
  const { grid, rects } = cropSourceRects(img.width, img.height, cfg);
  const cfgText = JSON.stringify([img.width, img.height, grid.rows, grid.cols, cfg.cropSize, cfg.mean ?? null, cfg.std ?? null]);
  const rowBytes = img.width * 4;
  if (img.data.length < rowBytes * img.height) throw new RangeError(`image data holds ${img.data.length} bytes, ${img.width}x${img.height} RGBA needs ${rowBytes * img.height}`);
  return rects.map((r, i) => {
    const h = createHash('sha256').update(`${cfgText}|${i}|${r.x0},${r.x1},${r.y0},${r.y1}|`);
    for (let y = r.y0; y < r.y1; y++) h.update(img.data.subarray(y * rowBytes + r.x0 * 4, y * rowBytes + r.x1 * 4));
    return `src:${h.digest('hex')}`;
  });
}

/** Layout of one image's visual tokens: f x f tokens of width D per crop, optional separator per feature row. */
export interface FeatureLayout {
  readonly featuresPerSide: number;
  readonly hidden: number;
  readonly rowSeparator: boolean;
}

/** Cuts stitched features [T, D] of a grid into each crop's f*f*D tokens (row-major crops) and the separator. */
export function splitCrops(
  features: Float32Array, grid: Grid, l: FeatureLayout, alloc: (length: number) => Float32Array = (n) => new Float32Array(n),
): { crops: Float32Array[]; separator?: Float32Array } {
  const { featuresPerSide: f, hidden: D } = l;
  const rowLen = (grid.cols * f + (l.rowSeparator ? 1 : 0)) * D;
  const crops: Float32Array[] = [];
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      // Every element is written below, so a recycled array needs no clearing.
      const out = alloc(f * f * D);
      for (let y = 0; y < f; y++) {
        const from = (r * f + y) * rowLen + c * f * D;
        out.set(features.subarray(from, from + f * D), y * f * D);
      }
      crops.push(out);
    }
  }
  if (!l.rowSeparator) return { crops };
  const at = rowLen - D;
  return { crops, separator: features.slice(at, at + D) };
}

/** The inverse of splitCrops: crops (row-major) into [T, D], a separator after every feature row when asked. */
export function stitchCrops(crops: readonly Float32Array[], grid: Grid, l: FeatureLayout, separator?: Float32Array): Float32Array {
  const { featuresPerSide: f, hidden: D } = l;
  if (l.rowSeparator && !separator) throw new Error('stitching needs the row separator');
  const rowLen = (grid.cols * f + (l.rowSeparator ? 1 : 0)) * D;
  const out = new Float32Array(grid.rows * f * rowLen);
  for (let r = 0; r < grid.rows; r++) {
    for (let y = 0; y < f; y++) {
      const row = (r * f + y) * rowLen;
      for (let c = 0; c < grid.cols; c++) out.set(crops[r * grid.cols + c]!.subarray(y * f * D, (y + 1) * f * D), row + c * f * D);
      if (separator) out.set(separator, row + grid.cols * f * D);
    }
  }
  return out;
}

/**
 * Least-recently-used map from crop key to that crop's tokens; `capacity` 0 turns the cache off.
 *
 * A new screenshot misses, and storing its crops used to cost the step two fresh copies of its features (17 MB at
 * Magma-8B's size: the split, then a private copy) with their page faults: 15-25 ms of a 2x2 screenshot on the
 * 2-core VM. Now set() keeps the array it is given, and the arrays of evicted entries are handed out again by
 * takeArray() for the next screenshot's split. Invariant: an array evicted while one image is being encoded is
 * not handed out before the next beginImage(), since that image may still read it (a hit evicted by its own new
 * crops when the capacity is smaller than its crop count).
 */
export class VisionFeatureCache {
  private readonly entries = new Map<string, Float32Array>();
  /** Arrays evicted since the current image began: reusable from the next one. */
  private retired: Float32Array[] = [];
  /** Arrays evicted before the current image began: no entry and no caller holds them. */
  private reusable: Float32Array[] = [];
  /** The learned row separator, seen in the first vision output (it does not depend on the input). */
  separator?: Float32Array;
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The crop's tokens (the cache's own copy: stitchCrops copies it out) or undefined; a hit becomes newest. */
  get(key: string): Float32Array | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  /**
   * Keeps `tokens` itself (the caller hands it over and must not write to it again); drops the least recently
   * used entries beyond capacity, their arrays to be reused after the current image.
   */
  set(key: string, tokens: Float32Array): void {
    if (this.capacity <= 0) return;
    const old = this.entries.get(key);
    this.entries.delete(key);
    if (old && old !== tokens) this.retired.push(old);
    this.entries.set(key, tokens);
    while (this.entries.size > this.capacity) {
      const k = this.entries.keys().next().value!;
      this.retired.push(this.entries.get(k)!);
      this.entries.delete(k);
    }
  }

  /** Called before each image is encoded: arrays evicted during earlier images become reusable. */
  beginImage(): void {
    this.reusable.push(...this.retired);
    this.retired = [];
    // At most one image's worth is ever needed at once; the rest can go.
    if (this.reusable.length > this.capacity) this.reusable.length = this.capacity;
  }

  /** An array of `length` elements for a crop's tokens: an evicted entry's when one fits (contents undefined). */
  takeArray(length: number): Float32Array {
    const i = this.reusable.findIndex((a) => a.length === length);
    if (i < 0) return new Float32Array(length);
    return this.reusable.splice(i, 1)[0]!;
  }

  clear(): void {
    this.entries.clear();
    this.retired = [];
    this.reusable = [];
    this.separator = undefined;
  }
}
