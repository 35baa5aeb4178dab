/**
 * The vision cache's keys from screenshot bytes (sourceCropKeys, #16): a crop's key may stay the same only when its
 * floats do. cropSourceRects must therefore cover every input pixel a crop's bilinear resize reads: a pixel changed
 * just outside a crop's rectangle leaves its floats byte-identical (and its key the same), one changed on the
 * rectangle's edge changes its key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { cropSourceRects, preprocessImage, type PreprocessConfig } from './preprocess.js';
import { cropKey, sourceCropKeys } from './vision-cache.js';

function image(width: number, height: number, seed: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  let x = seed;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return { width, height, data };
}

function withPixel(img: RgbaImage, x: number, y: number): RgbaImage {
  const data = img.data.slice();
  const i = (y * img.width + x) * 4;
  data[i] = 255 - data[i]!;
  return { ...img, data };
}

function cropFloats(img: RgbaImage, cfg: PreprocessConfig, i: number): Uint8Array {
  const p = preprocessImage(img, cfg);
  const per = p.pixels.length / p.dims[0];
  return new Uint8Array(p.pixels.buffer, p.pixels.byteOffset + i * per * 4, per * 4).slice();
}

describe('vision cache keys from screenshot bytes', () => {
  const cases: Array<[number, number, PreprocessConfig]> = [
    [140, 130, { cropSize: 128, maxCrops: 4 }], // 2x2, upscaled
    [300, 90, { cropSize: 64, maxCrops: 4 }], // a row of crops, downscaled across
    [200, 410, { cropSize: 96, maxCrops: 6 }],
  ];
  for (const [w, h, cfg] of cases) {
    it(`${w}x${h}, crops of ${cfg.cropSize}: a pixel outside a crop's source leaves its floats and key alone, one on its edge changes the key`, () => {
      const img = image(w, h, w * 7 + h);
      const { grid, rects } = cropSourceRects(w, h, cfg);
      assert.deepEqual(grid, preprocessImage(img, cfg).grid);
      const keys = sourceCropKeys(img, cfg);
      assert.equal(keys.length, rects.length);
      assert.equal(new Set(keys).size, keys.length, 'crops of different bytes have different keys');
      rects.forEach((r, i) => {
        const before = cropFloats(img, cfg, i);
        const outside = [[r.x0 - 1, r.y0], [r.x1, r.y1 - 1], [r.x0, r.y0 - 1], [r.x1 - 1, r.y1]].filter(([x, y]) => x! >= 0 && y! >= 0 && x! < w && y! < h);
        for (const [x, y] of outside) {
          const other = withPixel(img, x!, y!);
          assert.deepEqual(cropFloats(other, cfg, i), before, `crop ${i}: its floats changed with pixel (${x}, ${y}) outside [${r.x0}, ${r.x1}) x [${r.y0}, ${r.y1})`);
          assert.equal(sourceCropKeys(other, cfg)[i], keys[i]);
        }
        for (const [x, y] of [[r.x0, r.y0], [r.x1 - 1, r.y1 - 1]]) {
          assert.notEqual(sourceCropKeys(withPixel(img, x!, y!), cfg)[i], keys[i], `crop ${i}: pixel (${x}, ${y}) is its own`);
        }
      });
    });
  }

  it('another size, config or crop never shares a key, and screenshot keys never equal float keys', () => {
    const img = image(140, 130, 3);
    const cfg = { cropSize: 128, maxCrops: 4 };
    const a = sourceCropKeys(img, cfg);
    assert.notDeepEqual(sourceCropKeys(img, { ...cfg, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] }), a);
    const p = preprocessImage(img, cfg);
    const per = p.pixels.length / p.dims[0];
    const px = Array.from({ length: p.dims[0] }, (_, i) => cropKey(p.pixels.subarray(i * per, (i + 1) * per)));
    assert.ok(a.every((k) => k.startsWith('src:')) && px.every((k) => k.startsWith('px:')));
    assert.throws(() => sourceCropKeys({ width: 140, height: 130, data: new Uint8Array(10) }, cfg), /needs 72800/);
  });
});
