import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { Segment } from './frame.js';
import { tightenSegment as tight } from './text-band.js';

const tightenSegment = (img: Parameters<typeof tight>[0], s: Segment) => tight(img, s).seg;

const seg = (text: string, box: [number, number, number, number]): Segment => ({ text, box, confidence: 0.9, ink: 'n', bg: [255, 255, 255] });

describe('tight boxes for segments', () => {
  // A table of contents 17 px apart: each "line" a 10 px tall band of ink (x 40..100), lines at y 10, 27, 44.
  const toc = white(200, 80, [
    [40, 10, 100, 20],
    [40, 27, 100, 37],
    [40, 44, 100, 54],
  ]);
  it('drops the neighbour lines a grown crop took in above and below', () => {
    // The recognizer's box for the middle line reaches into both neighbours (y 16..50).
    const s = tightenSegment(toc, seg('load()', [38, 16, 102, 50]));
    assert.deepEqual(s.box, [38, 25, 102, 39]);
    assert.equal(s.text, 'load()');
  });
  it('measures the core (x-height) of a line, not its brackets and descenders', () => {
    // "dumps()": 10 px tall brackets at both ends, the letters' x-height 6 px (y 14..20).
    const img = white(200, 40, [
      [40, 10, 42, 20],
      [44, 14, 80, 20],
      [82, 10, 84, 20],
    ]);
    assert.equal(tight(img, seg('dumps()', [38, 8, 86, 22])).core, 6);
  });
  it('keeps a box that holds only its own line', () => {
    const s = seg('load()', [38, 25, 102, 39]);
    assert.equal(tightenSegment(toc, s), s);
  });
  it('drops a list bullet and the character OCR read for it', () => {
    // A 4x4 bullet at x 20..24, the text from x 40 (a gap of 16 px, more than a word space at 10 px).
    const img = white(200, 40, [
      [20, 13, 24, 17],
      [40, 10, 100, 20],
    ]);
    const s = tightenSegment(img, seg('- load()', [18, 8, 102, 22]));
    assert.equal(s.text, 'load()');
    assert.deepEqual(s.box, [38, 8, 102, 22]);
  });
  it('keeps a first word that is merely short ("a list"), and a bar that is a letter', () => {
    const img = white(200, 40, [
      [20, 13, 25, 20],
      [28, 10, 100, 20],
    ]);
    const s = tightenSegment(img, seg('a list', [18, 8, 102, 22]));
    assert.equal(s.text, 'a list');
    assert.deepEqual(s.box, [18, 8, 102, 22]);
  });
  it('drops a separator bar at the end of a menu item ("next |")', () => {
    const img = white(200, 40, [
      [40, 10, 80, 20],
      [90, 9, 91, 21],
    ]);
    const s = tightenSegment(img, seg('next', [38, 7, 93, 23]));
    assert.deepEqual(s.box, [38, 7, 82, 23]);
  });
});
