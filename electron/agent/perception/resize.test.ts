import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { normalization, PADDLE_DET_NORM, resizeBilinear, resizeToChw } from './resize.js';

/** A gray image whose pixel (x, y) has value values[y][x] in R, G and B. */
function gray(values: number[][]): RgbaImage {
  const h = values.length;
  const w = values[0]!.length;
  const data = new Uint8Array(w * h * 4);
  values.forEach((row, y) => row.forEach((v, x) => data.set([v, v, v, 255], (y * w + x) * 4)));
  return { width: w, height: h, data };
}
const red = (img: RgbaImage) => Array.from({ length: img.width * img.height }, (_, i) => img.data[i * 4]!);

describe('bilinear resize', () => {
  it('returns the same pixels when the size does not change', () => {
    const img = gray([[10, 20, 30], [40, 50, 60]]);
    assert.deepEqual(resizeBilinear(img, 3, 2).data, img.data);
  });

  it('samples pixel centres when upscaling (half-pixel, edges clamped), as cv2 INTER_LINEAR does', () => {
    const out = resizeBilinear(gray([[0, 200]]), 4, 1);
    // Output centres map to source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    assert.deepEqual(red(out), [0, 50, 150, 200]);
  });

  it('averages neighbour pairs when halving', () => {
    assert.deepEqual(red(resizeBilinear(gray([[0, 60, 120, 180]]), 2, 1)), [30, 150]);
  });

  it('resizes only the given source rectangle', () => {
    const img = gray([[0, 0, 0, 0], [0, 100, 100, 0], [0, 100, 100, 0], [0, 0, 0, 0]]);
    assert.deepEqual(red(resizeBilinear(img, 1, 1, { x: 1, y: 1, w: 2, h: 2 })), [100]);
  });

  it('rejects a source rectangle outside the image', () => {
    assert.throws(() => resizeBilinear(gray([[1, 2]]), 1, 1, { x: 1, y: 0, w: 2, h: 1 }), RangeError);
  });
});

describe('resize into a normalized CHW tensor', () => {
  it('writes BGR planes normalized with ImageNet mean/std and leaves the padding alone', () => {
    const img: RgbaImage = { width: 1, height: 1, data: new Uint8Array([255, 0, 51, 255]) };
    const out = new Float32Array(3 * 2 * 2).fill(7);
    resizeToChw(img, { x: 0, y: 0, w: 1, h: 1 }, 1, 1, PADDLE_DET_NORM, out, 0, 2, 2);
    // Plane 0 is blue (51/255 = 0.2), plane 1 green, plane 2 red; each (v - mean) / std.
    assert.ok(Math.abs(out[0]! - (0.2 - 0.485) / 0.229) < 1e-5);
    assert.ok(Math.abs(out[4]! - (0 - 0.456) / 0.224) < 1e-5);
    assert.ok(Math.abs(out[8]! - (1 - 0.406) / 0.225) < 1e-5);
    assert.deepEqual([out[1], out[2], out[3], out[5], out[11]], [7, 7, 7, 7, 7]);
  });

  it('interpolates before normalizing, giving the same numbers as resize-then-normalize', () => {
    const img = gray([[0, 60, 120, 180], [30, 90, 150, 210]]);
    const norm = normalization([0, 1, 2], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);
    const out = new Float32Array(3 * 3 * 1);
    resizeToChw(img, { x: 0, y: 0, w: 4, h: 2 }, 3, 1, norm, out, 0, 3, 1);
    const ref = red(resizeBilinear(img, 3, 1));
    ref.forEach((v, i) => assert.ok(Math.abs(out[i]! - (v / 255 - 0.5) / 0.5) < 0.01, `column ${i}`));
  });
});
