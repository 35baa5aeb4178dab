import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gridCandidates, normalize, preprocessImage, resizeBilinear, selectGrid, visualTokenCount } from './preprocess.js';

describe('Magma preprocessing', () => {
  it('lists grid candidates (w, h) = (i*512, j*512) with i*j <= 4, in order', () => {
    assert.deepEqual(gridCandidates(4, 512).map(([w, h]) => `${w / 512}x${h / 512}`), ['1x1', '1x2', '1x3', '1x4', '2x1', '2x2', '3x1', '4x1']);
  });
  it('puts every 16:9 or 16:10 desktop from 720p to 4K on 2x2 crops = 1056 visual tokens', () => {
    for (const [w, h] of [[1280, 720], [1366, 768], [1440, 900], [1920, 1080], [1920, 1200], [2560, 1440], [2560, 1600], [3840, 2160]] as const) {
      const g = selectGrid(w, h, 4, 512);
      assert.deepEqual(g, { rows: 2, cols: 2 }, `${w}x${h}`);
      assert.equal(visualTokenCount(g, 16), 1056);
    }
  });
  it('counts visual tokens as rows*cols*256 + rows*16', () => {
    assert.equal(visualTokenCount({ rows: 1, cols: 1 }, 16), 272);
    assert.equal(visualTokenCount({ rows: 3, cols: 1 }, 16), 816);
    assert.equal(visualTokenCount({ rows: 1, cols: 3 }, 16), 784);
  });
  it('chooses tall and wide grids for tall and wide images', () => {
    assert.deepEqual(selectGrid(500, 1500, 4, 512), { rows: 3, cols: 1 });
    assert.deepEqual(selectGrid(1500, 500, 4, 512), { rows: 1, cols: 3 });
    assert.deepEqual(selectGrid(300, 300, 4, 512), { rows: 1, cols: 1 });
  });
  it('resizing the bytes then normalizing equals normalizing then resizing (within 1e-5)', () => {
    const W = 37;
    const H = 23;
    const data = new Uint8Array(W * H * 4).map((_, i) => (i * 97 + (i >> 5)) & 255);
    const p = preprocessImage({ width: W, height: H, data }, { cropSize: 32, maxCrops: 4 });
    const { rows, cols } = p.grid;
    const big = resizeBilinear(normalize({ width: W, height: H, data }), 3, H, W, rows * 32, cols * 32);
    let worst = 0;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) for (let ch = 0; ch < 3; ch++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) {
      const a = p.pixels[(((r * cols + c) * 3 + ch) * 32 + y) * 32 + x]!;
      const b = big[(ch * rows * 32 + r * 32 + y) * cols * 32 + c * 32 + x]!;
      worst = Math.max(worst, Math.abs(a - b));
    }
    assert.ok(worst < 1e-5, `worst ${worst}`);
  });
  it('refuses an empty image and short pixel data', () => {
    assert.throws(() => selectGrid(0, 10, 4, 512), RangeError);
    assert.throws(() => preprocessImage({ width: 10, height: 10, data: new Uint8Array(10) }, { cropSize: 32, maxCrops: 4 }), RangeError);
  });
});
