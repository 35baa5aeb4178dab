/**
 * Visual tokens left where the vision session put them (#16): on the GPU with WebGPU, read by the merge graph
 * (adapters/merge-graph.ts) that builds the decoder's inputs_embeds there. Nothing here reads a tensor's values: a
 * crop is a reference to rows of a vision run's output, and the prompt is a list of row numbers.
 *
 * Row layout of a vision output (models/magma/magma_ref.py, image_features; the same as stitchCrops): a run over a
 * rows x cols grid of crops returns (rows*f) x (cols*f) tokens row-major, with the learned row separator after each
 * of its rows*f feature rows when the model has one. So token (y, x) of crop (r, c) is row
 * (r*f + y) * (cols*f + sep) + c*f + x, and row cols*f is a separator.
 *
 * Lifetime: a source is freed (its GPU buffer returned to the runtime) when the last holder drops it. Holders are
 * the cache's entries (one per crop it keeps) and the step that uses it, from the moment the step gets it until
 * its prompt has run, so an entry evicted during the step never frees rows the step still reads.
 */
import type { TensorLike } from '../ports.js';
import { visualTokenCount, type Grid } from './preprocess.js';

export interface TokenLayout {
  readonly featuresPerSide: number;
  readonly rowSeparator: boolean;
}

/** One vision run's output image_features [T, D], wherever it lives, and the grid its T rows are laid out in. */
export class FeatureSource {
  private holders = 0;
  private freed = false;
  constructor(readonly tensor: TensorLike, readonly grid: Grid) {}

  get isFreed(): boolean {
    return this.freed;
  }

  hold(): void {
    if (this.freed) throw new Error('internal: a freed vision output was held again');
    this.holders++;
  }

  /** Drops one holder; the last frees the tensor (dispose() of a device tensor; host arrays need nothing). */
  drop(): void {
    if (this.holders <= 0) throw new Error('internal: a vision output was dropped more often than held');
    if (--this.holders > 0) return;
    this.freed = true;
    (this.tensor as { dispose?: () => void }).dispose?.();
  }
}

/** A crop's tokens: crop `crop` (row-major in source.grid) of a vision run's output. */
export interface CropTokens {
  readonly source: FeatureSource;
  readonly crop: number;
}

/**
 * One image of the prompt: its grid and its crops' tokens (row-major). The row separator is read from its first
 * crop's source: every vision output has separator rows (the separator does not depend on the input).
 */
export interface ImageTokens {
  readonly grid: Grid;
  readonly crops: readonly CropTokens[];
}

/** Row of token (y, x) of a crop in its source's output. */
export function cropTokenRow(c: CropTokens, y: number, x: number, l: TokenLayout): number {
  const f = l.featuresPerSide;
  const cols = c.source.grid.cols;
  const r = Math.floor(c.crop / cols);
  return (r * f + y) * (cols * f + (l.rowSeparator ? 1 : 0)) + (c.crop % cols) * f + x;
}

/** A separator's row in a source's output (the end of its first feature row). */
export function separatorRow(source: FeatureSource, l: TokenLayout): number {
  if (!l.rowSeparator) throw new Error('internal: this model has no row separator');
  return source.grid.cols * l.featuresPerSide;
}

/**
 * Least-recently-used map from crop key (vision-cache.ts's keys) to a crop's tokens; `capacity` 0 keeps nothing.
 * Each entry holds its source.
 */
export class CropTokenCache {
  private readonly entries = new Map<string, CropTokens>();
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CropTokens | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, c: CropTokens): void {
    if (this.capacity <= 0) return;
    c.source.hold();
    const old = this.entries.get(key);
    this.entries.delete(key);
    old?.source.drop();
    this.entries.set(key, c);
    while (this.entries.size > this.capacity) {
      const k = this.entries.keys().next().value!;
      const v = this.entries.get(k)!;
      this.entries.delete(k);
      v.source.drop();
    }
  }

  clear(): void {
    for (const v of this.entries.values()) v.source.drop();
    this.entries.clear();
  }
}

/** What the merge graph needs for one prompt. */
export interface MergePlan {
  /** The vision outputs it reads, in the order of the merge graph's inputs s0, s1, ... */
  readonly sources: FeatureSource[];
  /**
   * For each row of inputs_embeds, the input it is copied from (0: the text, 1 + i: sources[i]) and its row there.
   * Padding rows copy text row 0.
   */
  readonly input: Uint8Array;
  readonly row: Int32Array;
  /** Real rows (the prompt's positions); input.length - length rows of padding follow. */
  readonly length: number;
}

/**
 * The prompt's rows: each id's text row (row i of the text input for id i), except each `<image>` id, which becomes
 * its image's tokens in stitched order (separator after each feature row when the model has one); then padding up
 * to rowsFor(length) rows.
 */
export function mergePlan(ids: readonly number[], imageId: number, images: readonly ImageTokens[], l: TokenLayout, rowsFor: (length: number) => number = (n) => n): MergePlan {
  const f = l.featuresPerSide;
  const sources: FeatureSource[] = [];
  const inputOf = (s: FeatureSource): number => {
    let k = sources.indexOf(s);
    if (k < 0) k = sources.push(s) - 1;
    if (k >= 255) throw new Error('internal: a prompt reads more than 254 vision outputs');
    return k + 1;
  };
  const imageCount = ids.filter((t) => t === imageId).length;
  if (imageCount !== images.length) throw new Error(`${images.length} images but ${imageCount} <image> tokens`);
  const length = ids.length - images.length + images.reduce((s, im) => s + visualTokenCount(im.grid, f, l.rowSeparator), 0);
  const rows = Math.max(length, rowsFor(length));
  const input = new Uint8Array(rows);
  const row = new Int32Array(rows);
  let at = 0;
  let img = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] !== imageId) {
      row[at++] = i;
      continue;
    }
    const im = images[img++]!;
    if (im.crops.length !== im.grid.rows * im.grid.cols) throw new Error(`internal: ${im.crops.length} crops for a ${im.grid.rows}x${im.grid.cols} grid`);
    const first = im.crops[0]?.source;
    const sep = l.rowSeparator && first ? { input: inputOf(first), row: separatorRow(first, l) } : undefined;
    for (let r = 0; r < im.grid.rows; r++) {
      for (let y = 0; y < f; y++) {
        for (let c = 0; c < im.grid.cols; c++) {
          const crop = im.crops[r * im.grid.cols + c]!;
          const k = inputOf(crop.source);
          const row0 = cropTokenRow(crop, y, 0, l);
          for (let x = 0; x < f; x++) {
            input[at] = k;
            row[at++] = row0 + x;
          }
        }
        if (sep) {
          input[at] = sep.input;
          row[at++] = sep.row;
        }
      }
    }
  }
  // Padding rows (input 0, row 0: the first text row) are never read by a real row: prompt-buckets.ts, prefill-chunks.ts.
  return { sources, input, row, length };
}
