import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dbPostprocess } from './db-postprocess.js';

function map(w: number, h: number, rects: [number, number, number, number, number][]): Float32Array {
  const m = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, p] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[y * w + x] = p;
  return m;
}

describe('DB post-processing', () => {
  it('finds one box per text kernel and grows each by d = area * 1.5 / perimeter', () => {
    const m = map(100, 40, [[10, 10, 40, 16, 0.9], [60, 20, 90, 26, 0.8]]);
    const boxes = dbPostprocess(m, 100, 40).sort((a, b) => a.box[0] - b.box[0]);
    assert.equal(boxes.length, 2);
    const d = (30 * 6 * 1.5) / (2 * (30 + 6)); // 3.75 map px
    assert.deepEqual(boxes[0]!.box, [10 - d, 10 - d, 40 + d, 16 + d]);
    assert.ok(Math.abs(boxes[0]!.score - 0.9) < 1e-6);
    assert.ok(Math.abs(boxes[1]!.score - 0.8) < 1e-6);
  });

  it('drops components whose mean probability is below the box threshold', () => {
    const m = map(60, 30, [[5, 5, 30, 12, 0.45]]);
    assert.deepEqual(dbPostprocess(m, 60, 30), []);
    assert.equal(dbPostprocess(m, 60, 30, { boxThresh: 0.4 }).length, 1);
  });

  it('drops specks thinner than the minimum size', () => {
    assert.deepEqual(dbPostprocess(map(50, 50, [[10, 10, 40, 12, 0.95]]), 50, 50), []);
  });

  it('joins diagonal neighbours into one component (8-connectivity)', () => {
    const m = map(40, 40, [[5, 5, 15, 10, 0.9], [15, 10, 25, 15, 0.9]]);
    const boxes = dbPostprocess(m, 40, 40, { boxThresh: 0.3 });
    assert.equal(boxes.length, 1);
  });

  it('keeps boxes inside the map after unclipping', () => {
    const [b] = dbPostprocess(map(30, 20, [[0, 0, 30, 6, 0.9]]), 30, 20);
    assert.ok(b);
    assert.deepEqual([b.box[0], b.box[1], b.box[2]], [0, 0, 30]);
  });

  it('bridges one-pixel gaps when dilation is on', () => {
    const m = map(60, 20, [[5, 5, 20, 11, 0.9], [21, 5, 40, 11, 0.9]]);
    assert.equal(dbPostprocess(m, 60, 20).length, 2);
    assert.equal(dbPostprocess(m, 60, 20, { dilate: true, boxThresh: 0.5 }).length, 1);
  });

  it('returns nothing for an empty map', () => {
    assert.deepEqual(dbPostprocess(new Float32Array(64 * 64), 64, 64), []);
  });
});
