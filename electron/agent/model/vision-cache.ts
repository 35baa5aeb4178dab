/**
 * An exact cache of vision features per crop (#16): a step whose screenshot crops did not change skips the
 * vision session for them. Exact because the key is the sha256 of the crop's preprocessed float32 bytes (the
 * very tensor the vision session would get), so only identical input returns the features computed before.
 *
 * Why per crop is sound: the vision graph runs the ConvNeXt trunk on each crop of the batch independently, the
 * projector is per token, and the stitching only places each crop's f x f tokens in the (rows*f) x (cols*f) map
 * with a learned (input-independent) row separator after every feature row (models/magma/magma_ref.py,
 * image_features). So a crop's tokens can be cut out of one run and stitched into another grid.
 *
 * Invariants: entries are private copies and are copied again when stitched, so no caller can change them;
 * the cache belongs to one MagmaModel (one set of sessions), so a new bundle or session starts empty.
 */
import { createHash } from 'node:crypto';
import type { Grid } from './preprocess.js';

/** sha256 of one crop's float32 values (byte-exact: -0 and NaN payloads count as different bytes). */
export function cropKey(crop: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(crop.buffer, crop.byteOffset, crop.byteLength)).digest('hex');
}

/** Layout of one image's visual tokens: f x f tokens of width D per crop, optional separator per feature row. */
export interface FeatureLayout {
  readonly featuresPerSide: number;
  readonly hidden: number;
  readonly rowSeparator: boolean;
}

/** Cuts stitched features [T, D] of a grid into each crop's f*f*D tokens (row-major crops) and the separator. */
export function splitCrops(features: Float32Array, grid: Grid, l: FeatureLayout): { crops: Float32Array[]; separator?: Float32Array } {
  const { featuresPerSide: f, hidden: D } = l;
  const rowLen = (grid.cols * f + (l.rowSeparator ? 1 : 0)) * D;
  const crops: Float32Array[] = [];
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const out = new Float32Array(f * f * D);
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

/** Least-recently-used map from crop key to that crop's tokens; `capacity` 0 turns the cache off. */
export class VisionFeatureCache {
  private readonly entries = new Map<string, Float32Array>();
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

  /** Stores a private copy; drops the least recently used entries beyond capacity. */
  set(key: string, tokens: Float32Array): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, tokens.slice());
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
    this.separator = undefined;
  }
}
