import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { repeatedBoxes } from './key-rows.js';
import { controlsFromRects } from './merge.js';
import { findRectRegions } from './widgets.js';

function white(w: number, h: number): RgbaImage & { set(x: number, y: number): void } {
  const data = new Uint8Array(w * h * 4).fill(255);
  return {
    width: w,
    height: h,
    data,
    set(x, y) {
      data.set([0, 0, 0, 255], (y * w + x) * 4);
    },
  };
}
/** A 1 px black outline, inclusive corners. */
function outline(img: ReturnType<typeof white>, x0: number, y0: number, x1: number, y1: number): void {
  for (let x = x0; x <= x1; x++) [y0, y1].forEach((y) => img.set(x, y));
  for (let y = y0; y <= y1; y++) [x0, x1].forEach((x) => img.set(x, y));
}
/** xcalc at 600x800: a bordered key of 112x57 px with a small glyph in its middle. */
function bigKey(img: ReturnType<typeof white>, x0: number, y0: number): void {
  outline(img, x0, y0, x0 + 111, y0 + 56);
  for (let y = y0 + 24; y <= y0 + 32; y++) for (let x = x0 + 52; x <= x0 + 58; x++) img.set(x, y);
}

describe('large keys OCR left unread', () => {
  it('three 112x57 px bordered keys in a row, their labels unread, are three buttons with their boxes', () => {
    const img = white(420, 100);
    for (const x of [10, 127, 244]) bigKey(img, x, 20);
    const { controls } = controlsFromRects([], findRectRegions(img));
    assert.deepEqual(
      controls.map((c) => [c.kind, c.box]),
      [10, 127, 244].map((x) => ['button', [x, 20, x + 112, 77]]),
    );
  });

  it('one such box alone (a panel, a picture frame) is not made a button', () => {
    const img = white(420, 100);
    bigKey(img, 127, 20);
    assert.deepEqual(controlsFromRects([], findRectRegions(img)).controls, []);
  });

  it('an icon drawn as a box inside a key is that key, not a second control', () => {
    const img = white(420, 100);
    for (const x of [10, 127, 244]) bigKey(img, x, 20);
    // The middle key's icon (like GTK's ⌫: a shape with a cross in it) encloses a box of its own, with ink.
    outline(img, 170, 40, 190, 54);
    for (let y = 46; y <= 48; y++) for (let x = 178; x <= 182; x++) img.set(x, y);
    const { controls } = controlsFromRects([], findRectRegions(img));
    assert.deepEqual(controls.map((c) => c.box[0]).sort((a, b) => a - b), [10, 127, 244]);
  });

  it('boxes count as a row only when they have one size and line up', () => {
    const img = white(420, 100);
    bigKey(img, 10, 20);
    bigKey(img, 127, 20);
    outline(img, 244, 20, 300, 76); // same height, half the width
    assert.equal(repeatedBoxes(findRectRegions(img)).size, 0);
  });
});
