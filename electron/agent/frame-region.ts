/**
 * Region signatures for approval binding (S2) and change detection (verify). A signature is a small grayscale
 * thumbnail of a region in image px; two signatures differ when enough cells changed by enough. Exact hashes
 * would call a blinking caret a changed screen; this tolerates a few cells.
 */
import type { ImageBox } from '../common/geometry.js';
import type { RgbaImage } from './ports.js';

const GRID = 16;

export interface RegionSignature {
  readonly box: ImageBox;
  readonly cells: Uint8Array;
}

function clampBox(b: ImageBox, img: RgbaImage): [number, number, number, number] {
  const x1 = Math.max(0, Math.min(img.width - 1, Math.floor(b[0])));
  const y1 = Math.max(0, Math.min(img.height - 1, Math.floor(b[1])));
  const x2 = Math.max(x1 + 1, Math.min(img.width, Math.ceil(b[2])));
  const y2 = Math.max(y1 + 1, Math.min(img.height, Math.ceil(b[3])));
  return [x1, y1, x2, y2];
}

/** Mean luma of a GRID x GRID split of the box (box in image px, clamped to the image). */
export function regionSignature(img: RgbaImage, box: ImageBox): RegionSignature {
  const [x1, y1, x2, y2] = clampBox(box, img);
  const cells = new Uint8Array(GRID * GRID);
  const w = x2 - x1;
  const h = y2 - y1;
  for (let gy = 0; gy < GRID; gy++) {
    const sy1 = y1 + Math.floor((gy * h) / GRID);
    const sy2 = Math.max(sy1 + 1, y1 + Math.floor(((gy + 1) * h) / GRID));
    for (let gx = 0; gx < GRID; gx++) {
      const sx1 = x1 + Math.floor((gx * w) / GRID);
      const sx2 = Math.max(sx1 + 1, x1 + Math.floor(((gx + 1) * w) / GRID));
      let sum = 0;
      let n = 0;
      // Sample at most 4x4 pixels per cell: enough to see a change, cheap on a 4K frame.
      const stepY = Math.max(1, Math.floor((sy2 - sy1) / 4));
      const stepX = Math.max(1, Math.floor((sx2 - sx1) / 4));
      for (let y = sy1; y < sy2; y += stepY) {
        for (let x = sx1; x < sx2; x += stepX) {
          const o = (y * img.width + x) * 4;
          sum += (img.data[o]! * 77 + img.data[o + 1]! * 150 + img.data[o + 2]! * 29) >> 8;
          n++;
        }
      }
      cells[gy * GRID + gx] = n ? Math.round(sum / n) : 0;
    }
  }
  return { box, cells };
}

/** Fraction of cells whose mean luma moved by more than `delta` (0..255). */
export function regionDifference(a: RegionSignature, b: RegionSignature, delta = 12): number {
  let changed = 0;
  for (let i = 0; i < a.cells.length; i++) if (Math.abs(a.cells[i]! - b.cells[i]!) > delta) changed++;
  return changed / a.cells.length;
}

/** Exact pixel comparison for "did anything change": counts differing pixels, early exit past `limit`. */
export function changedPixels(a: RgbaImage, b: RgbaImage, limit = Infinity): number {
  if (a.width !== b.width || a.height !== b.height) return Infinity;
  let n = 0;
  const da = a.data;
  const db = b.data;
  for (let i = 0; i < da.length; i += 4) {
    if (da[i] !== db[i] || da[i + 1] !== db[i + 1] || da[i + 2] !== db[i + 2]) {
      if (++n > limit) return n;
    }
  }
  return n;
}

/** The region an approval binds to: the mark box grown by a margin, or 64x64 around a bare point (image px). */
export function approvalRegion(box: ImageBox, img: RgbaImage, margin = 8): ImageBox {
  return [Math.max(0, box[0] - margin), Math.max(0, box[1] - margin), Math.min(img.width, box[2] + margin), Math.min(img.height, box[3] + margin)];
}
