import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import { newFrame } from './frame.js';
import { widgetsStage } from './widgets.js';

/** An outlined 41x27 button with a label blob inside. */
function button() {
  const img = white(120, 80);
  const dark = (x: number, y: number) => img.data.set([0, 0, 0, 255], (y * img.width + x) * 4);
  for (let x = 20; x <= 60; x++) [20, 46].forEach((y) => dark(x, y));
  for (let y = 20; y <= 46; y++) [20, 60].forEach((x) => dark(x, y));
  for (let y = 30; y <= 36; y++) for (let x = 35; x <= 45; x++) dark(x, y);
  return img;
}

describe('stage "widgets"', () => {
  it('finds the rectangle around a button', () => {
    const ctx = newFrame(button(), {});
    widgetsStage().run(ctx);
    assert.ok(
      ctx.rects.some((r) => r.outer[0] <= 21 && r.outer[1] <= 21 && r.outer[2] >= 60 && r.outer[3] >= 46 && r.outer[2] - r.outer[0] < 50),
      JSON.stringify(ctx.rects.map((r) => r.outer)),
    );
  });
  it('finds none when widget analysis is off', () => {
    const ctx = newFrame(button(), {});
    widgetsStage(false).run(ctx);
    assert.deepEqual(ctx.rects, []);
  });
});
