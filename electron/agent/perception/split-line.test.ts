import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbaImage } from '../ports.js';
import { breadcrumbArrows, inkProfile, splitLine, type PlacedChar } from './split-line.js';

/** White canvas with black rectangles [x0, y0, x1, y1) in image px. */
function canvas(w: number, h: number, rects: [number, number, number, number][], bg = 255, fg = 0): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([bg, bg, bg, 255], i * 4);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set([fg, fg, fg, 255], (y * w + x) * 4);
  return { width: w, height: h, data };
}
/** Glyph blocks 6 px wide, 12 px tall (text height 12), starting at the given x. */
const glyphs = (xs: number[]): [number, number, number, number][] => xs.map((x) => [x, 9, x + 6, 21]);
const chars = (text: string, xs: number[]): PlacedChar[] => [...text].map((c, i) => ({ char: c, x: xs[i]! + 3, prob: 0.9 }));
const rect = { x: 0, y: 5, w: 200, h: 20 };

describe('splitting a recognized line', () => {
  it('keeps words separated by a normal word space together ("Save as")', () => {
    const xs = [10, 18, 26, 34, 48, 56]; // 8 px blank before "as" = 0.67 text heights
    const img = canvas(200, 30, glyphs(xs));
    const segs = splitLine(img, rect, [...chars('Save', xs.slice(0, 4)), { char: ' ', x: 44, prob: 0.8 }, ...chars('as', xs.slice(4))]);
    assert.deepEqual(segs.map((s) => s.text), ['Save as']);
  });

  it('cuts at a gap wider than the text height ("STO 7 8 9 *")', () => {
    const xs = [10, 18, 26, 60, 94, 128, 162];
    const img = canvas(200, 30, glyphs(xs));
    const segs = splitLine(img, rect, chars('STO789*', xs));
    assert.deepEqual(segs.map((s) => s.text), ['STO', '7', '8', '9', '*']);
    // Each box hugs its ink (glyph 7 spans x 60..66, y 9..21) with a margin of text height / 5 (2 px at least).
    assert.deepEqual(segs[1]!.box, [60 - 2, 9 - 2, 66 + 2, 21 + 2]);
  });

  it('cuts at a vertical rule even when the blank gap is narrow', () => {
    const xs = [10, 18, 36, 44];
    const img = canvas(200, 30, [...glyphs(xs), [29, 5, 31, 25]]);
    const segs = splitLine(img, rect, chars('OKNo', xs));
    assert.deepEqual(segs.map((s) => s.text), ['OK', 'No']);
    assert.ok(segs[0]!.box[2] <= 29 && segs[1]!.box[0] >= 31, 'the rule belongs to neither box');
  });

  it('does not take a horizontal border for text height', () => {
    const xs = [10, 18, 60];
    const img = canvas(200, 30, [...glyphs(xs), [0, 5, 200, 6]]);
    const prof = inkProfile(img, rect);
    assert.deepEqual([prof.textTop, prof.textBottom], [9, 20]);
    assert.deepEqual(splitLine(img, rect, chars('ab7', xs)).map((s) => s.text), ['ab', '7']);
  });

  it('reads light text on a dark background the same way', () => {
    const xs = [10, 18, 60];
    const img = canvas(200, 30, glyphs(xs), 20, 230);
    assert.deepEqual(splitLine(img, rect, chars('ab7', xs)).map((s) => s.text), ['ab', '7']);
  });

  it('averages the probabilities of the characters in each segment', () => {
    const xs = [10, 60];
    const img = canvas(200, 30, glyphs(xs));
    const segs = splitLine(img, rect, [{ char: 'a', x: 13, prob: 0.5 }, { char: 'b', x: 63, prob: 1 }]);
    assert.deepEqual(segs.map((s) => s.confidence), [0.5, 1]);
  });

  it('returns nothing when only spaces were read', () => {
    assert.deepEqual(splitLine(canvas(200, 30, []), rect, [{ char: ' ', x: 50, prob: 0.9 }]), []);
  });

  it('takes a line ending in a separator ("Python »") for a breadcrumb item, a bulleted or plain line not', () => {
    const xs = [10, 18, 26, 34, 42, 50, 60]; // "Python", a 4 px space, then "»"
    const img = canvas(200, 30, glyphs(xs));
    const crumb = splitLine(img, rect, chars('Python»', xs));
    assert.deepEqual(crumb.map((s) => [s.text, s.menu]), [['Python', true]]);
    assert.ok(crumb[0]!.box[2] < 60, `the separator (x 60..66) stays out of the box ${crumb[0]!.box}`);
    assert.deepEqual(splitLine(img, rect, chars('Python•', xs)).map((s) => [s.text, s.menu]), [['Python', false]]);
    const plain = canvas(200, 30, glyphs(xs.slice(0, 6)));
    assert.deepEqual(splitLine(plain, rect, chars('Python', xs)).map((s) => [s.text, s.menu]), [['Python', false]]);
  });
});

describe('breadcrumb arrows', () => {
  const chars = (s: string) => [...s].map((char, i) => ({ char, x: i * 7, prob: 0.9 }));
  it('takes a lone ">" between breadcrumb items for a separator', () => {
    const c = chars('3.11.2 Documentation > The Python Standard Library > json');
    assert.deepEqual(breadcrumbArrows(c).map((a) => a.x), [21 * 7, 51 * 7]);
  });
  it('leaves comparisons in code and prose alone', () => {
    for (const s of ['if x > 0:', 'len(a) > b', 'x > y', 'a >b > c', 'value >= limit']) assert.deepEqual(breadcrumbArrows(chars(s)), [], s);
  });
});
