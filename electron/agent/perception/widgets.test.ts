import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { findRectRegions } from './widgets.js';
import { controlsFromRects } from './merge.js';

function canvas(w: number, h: number): RgbaImage & { rect(x0: number, y0: number, x1: number, y1: number, v?: number): void; fill(x0: number, y0: number, x1: number, y1: number, v: number): void } {
  const data = new Uint8Array(w * h * 4).fill(255);
  const set = (x: number, y: number, v: number) => {
    const p = (y * w + x) * 4;
    data[p] = data[p + 1] = data[p + 2] = v;
  };
  return {
    width: w,
    height: h,
    data,
    /** 1 px outline, inclusive corners. */
    rect(x0, y0, x1, y1, v = 0) {
      for (let x = x0; x <= x1; x++) {
        set(x, y0, v);
        set(x, y1, v);
      }
      for (let y = y0; y <= y1; y++) {
        set(x0, y, v);
        set(x1, y, v);
      }
    },
    fill(x0, y0, x1, y1, v) {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) set(x, y, v);
    },
  };
}

describe('classical rectangle detection', () => {
  it('finds two outlined buttons with their outer boxes, and not the background between them', () => {
    const c = canvas(200, 100);
    c.rect(20, 20, 60, 46);
    c.rect(64, 20, 104, 46);
    c.fill(35, 30, 45, 36, 0); // a label blob inside the first
    const r = findRectRegions(c);
    assert.deepEqual(r.map((q) => q.outer).sort((a, b) => a[0] - b[0]), [[20, 20, 61, 47], [64, 20, 105, 47]]);
    assert.ok(r.every((q) => !q.gridCell));
    assert.deepEqual(r.map((q) => q.holes).sort(), [0, 1]);
  });

  it('marks the cells of a ruled 3x3 table as grid cells', () => {
    const c = canvas(200, 120);
    for (let i = 0; i <= 3; i++) {
      c.fill(10 + i * 50, 10, 10 + i * 50, 100, 0);
      c.fill(10, 10 + i * 30, 160, 10 + i * 30, 0);
    }
    const r = findRectRegions(c);
    assert.equal(r.length, 9);
    assert.equal(r.filter((q) => q.gridCell).length, 9);
  });

  it('does not take the inside of a ring (a letter O) for a box', () => {
    const c = canvas(100, 100);
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 100; x++) {
        const d = Math.hypot(x - 50, y - 50);
        if (d >= 20 && d <= 23) c.fill(x, y, x, y, 0);
      }
    }
    assert.deepEqual(findRectRegions(c), []);
  });
});

describe('controls from rectangles and text', () => {
  const region = (inner: [number, number, number, number], gridCell = false) => ({
    inner,
    outer: [inner[0] - 1, inner[1] - 1, inner[2] + 1, inner[3] + 1] as [number, number, number, number],
    fill: 0.9,
    gridCell,
    bg: [255, 255, 255] as const,
    holes: 1,
  });

  it('a label inside a button-sized box becomes that button with the box as its bbox', () => {
    const { controls, rest } = controlsFromRects([{ text: 'OK', box: [30, 25, 50, 40], confidence: 1 }], [region([10, 20, 70, 45])]);
    assert.deepEqual(rest, []);
    assert.deepEqual(controls.map((c) => [c.kind, c.text, c.interactive, c.box]), [['button', 'OK', true, [9, 19, 71, 46]]]);
  });

  it('a label in a tall key (xcalc at 600x800: 13 px text, 56 px interior) is that button; in a taller box it is text', () => {
    const key = controlsFromRects([{ text: 'sin', box: [40, 40, 62, 53], confidence: 1 }], [region([10, 18, 100, 74])]);
    assert.deepEqual(key.controls.map((c) => [c.kind, c.text]), [['button', 'sin']]);
    const panel = controlsFromRects([{ text: 'sin', box: [40, 60, 62, 73], confidence: 1 }], [region([10, 18, 100, 118])]);
    assert.deepEqual(panel.controls, []);
  });

  it('a label at the left of a wide box is a field; two far-apart labels in one box stay text', () => {
    const { controls } = controlsFromRects([{ text: 'name', box: [12, 25, 50, 40], confidence: 1 }], [region([10, 20, 300, 45])]);
    assert.equal(controls[0]!.kind, 'field');
    const two = controlsFromRects(
      [
        { text: 'DEG', box: [20, 25, 45, 40], confidence: 1 },
        { text: 'DEC', box: [200, 25, 225, 40], confidence: 1 },
      ],
      [region([10, 20, 240, 45])],
    );
    assert.deepEqual(two.controls, []);
    assert.equal(two.rest.length, 2);
  });

  it('text in a table cell stays text; an empty small square is a checkbox', () => {
    const r = controlsFromRects([{ text: 'cell', box: [30, 25, 50, 40], confidence: 1 }], [region([10, 20, 70, 45], true), region([100, 20, 113, 33])]);
    assert.deepEqual(r.rest.map((t) => t.text), ['cell']);
    assert.deepEqual(r.controls.map((c) => c.kind), ['checkbox']);
  });
});
