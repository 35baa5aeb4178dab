import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeYolo, letterbox, nms } from './detector.js';

describe('YOLO icon detector pre/post-processing', () => {
  const img = { width: 1920, height: 1080, data: new Uint8Array(1920 * 1080 * 4).fill(255) };
  it('letterboxes 1920x1080 to 1280x736 (720 + pad to a multiple of 32, split evenly)', () => {
    const lb = letterbox(img);
    assert.deepEqual(lb.tensor.dims, [1, 3, 736, 1280]);
    assert.equal(lb.padY, 8);
    assert.equal(lb.padX, 0);
    assert.ok(Math.abs(lb.scale - 2 / 3) < 1e-9);
    const d = lb.tensor.data as Float32Array;
    assert.ok(Math.abs(d[0]! - 114 / 255) < 1e-6, 'pad is grey 114');
    assert.ok(Math.abs(d[8 * 1280]! - 1) < 1e-6, 'image starts after the pad');
  });
  it('maps boxes back to image px from either output layout and applies the threshold', () => {
    const lb = letterbox(img);
    // Two boxes, channels first [1, 5, 2]: one at letterbox (640, 368) 20x20 score 0.9, one below threshold.
    const cf = { type: 'float32' as const, dims: [1, 5, 2], data: new Float32Array([640, 100, 368, 100, 20, 10, 20, 10, 0.9, 0.01]) };
    const a = decodeYolo(cf, lb, 1920, 1080);
    assert.equal(a.length, 1);
    assert.deepEqual(a[0]!.box.map((v) => Math.round(v)), [945, 525, 975, 555]);
    // The same boxes transposed, [1, N, 5] with N > 84.
    const n = 100;
    const t = new Float32Array(n * 5);
    t.set([640, 368, 20, 20, 0.9], 0);
    const b = decodeYolo({ type: 'float32', dims: [1, n, 5], data: t }, lb, 1920, 1080);
    assert.deepEqual(b.map((x) => x.box.map((v) => Math.round(v))), [[945, 525, 975, 555]]);
  });
  it('keeps the stronger of two boxes overlapping above IoU 0.1, and at most maxDet', () => {
    const d = [
      { box: [0, 0, 10, 10] as [number, number, number, number], confidence: 0.5 },
      { box: [2, 0, 12, 10] as [number, number, number, number], confidence: 0.9 },
      { box: [50, 50, 60, 60] as [number, number, number, number], confidence: 0.3 },
    ];
    assert.deepEqual(nms(d, 0.1, 300).map((x) => x.confidence), [0.9, 0.3]);
    assert.deepEqual(nms(d, 0.1, 1).map((x) => x.confidence), [0.9]);
  });
});
