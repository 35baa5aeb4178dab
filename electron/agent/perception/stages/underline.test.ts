import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { Segment } from './frame.js';
import { splitAtUnderlines } from './underline.js';

const seg = (text: string, box: [number, number, number, number]): Segment => ({ text, box, confidence: 0.9, ink: 'h4', bg: [255, 255, 255], wholeLine: true });
type Rect = [number, number, number, number];
/** Letters: 2 px strokes 4 px apart, 10 px tall (y 10..20), over x0..x1. */
const letters = (x0: number, x1: number): Rect[] => Array.from({ length: Math.floor((x1 - x0) / 4) }, (_, i): Rect => [x0 + 4 * i, 10, x0 + 4 * i + 2, 20]);
/** A word of letters, underlined at y 21 when `u`. */
const word = (x0: number, x1: number, u: boolean): Rect[] => [...letters(x0, x1 + 2), ...(u ? [[x0, 21, x1, 22] as Rect] : [])];

describe('underlined links', () => {
  it('cuts three links that each have their own underline ("Home News Maps") into three underlined pieces', () => {
    const img = white(200, 40, [...word(20, 50, true), ...word(60, 90, true), ...word(100, 130, true)]);
    const u = splitAtUnderlines(img, seg('Home News Maps', [18, 8, 132, 24]));
    assert.deepEqual(
      u.segs.map((s) => [s.text, s.box[0], s.box[2], u.underlined.has(s)]),
      [
        ['Home', 18, 52, true],
        ['News', 58, 92, true],
        ['Maps', 98, 132, true],
      ],
    );
  });
  it('bridges an underline skipped around a descender, and leaves plain words of the line plain', () => {
    // "see Images here": only "Images" underlined; its underline breaks at x 34..37 where a descender runs down.
    const img = white(200, 40, [...word(4, 20, false), ...letters(24, 56), [24, 21, 34, 22], [37, 21, 54, 22], [34, 18, 37, 24], ...word(60, 80, false)]);
    const u = splitAtUnderlines(img, seg('see Images here', [2, 8, 82, 26]));
    assert.deepEqual(
      u.segs.map((s) => [s.text, u.underlined.has(s)]),
      [
        ['see', false],
        ['Images', true],
        ['here', false],
      ],
    );
  });
  it('does not take the bottom of a ring ("o"), or a field border under a label, for an underline', () => {
    const ring = white(40, 40, [
      [10, 10, 20, 12],
      [10, 18, 20, 20],
      [10, 10, 12, 20],
      [18, 10, 20, 20],
    ]);
    assert.equal(splitAtUnderlines(ring, seg('o', [8, 8, 22, 22])).underlined.size, 0);
    // "Country" with the select box's top border right under it, running past the label on both sides.
    const label = white(200, 40, [...word(20, 80, false), [0, 21, 200, 22]]);
    assert.equal(splitAtUnderlines(label, seg('Country', [18, 8, 82, 24])).underlined.size, 0);
  });
});
