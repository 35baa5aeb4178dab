import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { findFlatButtons } from './flat-buttons.js';
import { controlsFromRects } from './merge.js';
import type { Rect } from './resize.js';
import { newFrame } from './stages/frame.js';
import { widgetsStage } from './stages/widgets.js';
import { findRectRegions } from './widgets.js';

/** A grey window (250) to paint on. */
function windowOf(w: number, h: number): RgbaImage & { set(x: number, y: number, v: number): void } {
  const data = new Uint8Array(w * h * 4).fill(250);
  return {
    width: w,
    height: h,
    data,
    set(x, y, v) {
      data.set([v, v, v, 255], (y * w + x) * 4);
    },
  };
}

/**
 * A flat button as GTK 4 draws one: a fill `fill` a few levels below the window, no border, corners rounded with
 * radius 4 and anti-aliased (corner pixels halfway between fill and window, so no step reaches 24 levels).
 */
function flatButton(img: ReturnType<typeof windowOf>, x0: number, y0: number, x1: number, y1: number, fill: number): void {
  const rad = 4;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = Math.max(0, x0 + rad - x, x - (x1 - rad));
      const dy = Math.max(0, y0 + rad - y, y - (y1 - rad));
      const d = Math.hypot(dx, dy);
      if (d <= rad - 1) img.set(x, y, fill);
      else if (d <= rad) img.set(x, y, Math.round((fill + 250) / 2));
    }
  }
}
/** Dark glyphs: 4 px wide bars 2 px apart, inclusive corners. */
function ink(img: ReturnType<typeof windowOf>, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if ((x - x0) % 6 < 4) img.set(x, y, 46);
}
const line = (x0: number, y0: number, x1: number, y1: number): Rect => ({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });

describe('flat buttons (a fill a few levels off the window, no border)', () => {
  it('a rounded flat key 20 levels darker than the window becomes a button with its label and its whole box', () => {
    const img = windowOf(200, 120);
    flatButton(img, 40, 30, 101, 73, 230);
    ink(img, 64, 46, 76, 58);
    // Widget analysis alone does not see it: its edges are below 24 levels and its corners leak.
    assert.ok(!findRectRegions(img).some((r) => r.outer[0] <= 42 && r.outer[2] >= 100), 'the strong pass finds no box around the key');
    const ctx = newFrame(img, {});
    ctx.lines = [line(58, 40, 82, 64)]; // the detector's box around "7", grown around the glyph
    widgetsStage().run(ctx);
    const { controls, rest } = controlsFromRects([{ text: '7', box: [64, 46, 77, 59], confidence: 0.95 }], ctx.rects);
    assert.deepEqual(rest, []);
    assert.equal(controls.length, 1, JSON.stringify(controls));
    const c = controls[0]!;
    assert.equal(c.kind, 'button');
    assert.equal(c.text, '7');
    assert.ok(Math.abs(c.box[0] - 40) <= 2 && Math.abs(c.box[1] - 30) <= 2 && Math.abs(c.box[2] - 102) <= 2 && Math.abs(c.box[3] - 74) <= 2, `box ${c.box}`);
  });

  it('a key with a subtle 1 px border (12 levels) and the same fill as the window is found too', () => {
    const img = windowOf(200, 120);
    for (let x = 40; x <= 120; x++) [30, 66].forEach((y) => img.set(x, y, 238));
    for (let y = 30; y <= 66; y++) [40, 120].forEach((x) => img.set(x, y, 238));
    ink(img, 70, 42, 92, 54);
    const found = findFlatButtons(img, findRectRegions(img), [line(64, 38, 98, 58)]);
    assert.ok(found.some((r) => r.outer[0] <= 41 && r.outer[1] <= 31 && r.outer[2] >= 120 && r.outer[3] >= 66), JSON.stringify(found.map((r) => r.outer)));
  });

  it('a tint hugging a word (inline code: the text reaches its edges) is not a button', () => {
    const img = windowOf(200, 80);
    flatButton(img, 50, 28, 80, 47, 230);
    ink(img, 54, 33, 76, 42);
    ink(img, 84, 33, 140, 42); // the sentence goes on after the code word
    // Without text over it, it is a box with ink (the faint pass finds it)...
    assert.equal(findFlatButtons(img, findRectRegions(img), []).length, 1);
    // ...but the detector's line runs across the tint into the text beside it: a highlight, not a button.
    assert.deepEqual(findFlatButtons(img, findRectRegions(img), [line(47, 26, 143, 49)]), []);
  });

  it("three flat window buttons under one detector line (its box around their glyphs) are three buttons", () => {
    const img = windowOf(200, 60);
    for (const x of [40, 77, 114]) {
      flatButton(img, x, 10, x + 23, 33, 217);
      ink(img, x + 8, 20, x + 15, 23);
    }
    const found = findFlatButtons(img, findRectRegions(img), [line(30, 8, 147, 40)]);
    assert.deepEqual(
      found.map((r) => r.outer[0]).sort((a, b) => a - b),
      [40, 77, 114],
    );
  });

  it('an empty tinted area (layout, no ink) is not a button', () => {
    const img = windowOf(200, 120);
    flatButton(img, 40, 30, 101, 73, 230);
    assert.deepEqual(findFlatButtons(img, findRectRegions(img), []), []);
  });

  it('an empty tinted bar with a speck in it (a table header cell) is not taken for a field', () => {
    const img = windowOf(400, 80);
    flatButton(img, 40, 30, 240, 52, 230);
    ink(img, 44, 46, 47, 48);
    assert.deepEqual(findFlatButtons(img, findRectRegions(img), []), []);
    // The same bar with a label in it is a flat field or button: merge decides which.
    assert.equal(findFlatButtons(img, findRectRegions(img), [line(50, 33, 110, 50)]).length, 1);
  });
});
