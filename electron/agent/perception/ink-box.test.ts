import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inkBox } from './ink-box.js';

/** A 60x30 grey button with a 1 px dark outline at (10, 10) on white; `glyph` paints black in [x0, y0, x1, y1). */
function button(glyph?: [number, number, number, number]) {
  const W = 100, H = 50;
  const data = new Uint8Array(W * H * 4).fill(255);
  const paint = (x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.fill(v, (y * W + x) * 4, (y * W + x) * 4 + 3);
  };
  paint(10, 10, 70, 40, 40);
  paint(11, 11, 69, 39, 200);
  if (glyph) paint(...glyph, 0);
  return { width: W, height: H, data };
}

test("the ink box is where the button's label is drawn, not its outline", () => {
  assert.deepEqual(inkBox(button([32, 19, 48, 31]), [10, 10, 70, 40]), [32, 19, 48, 31]);
});

test('a button with nothing drawn inside has no ink', () => {
  assert.equal(inkBox(button(), [10, 10, 70, 40]), undefined);
});
