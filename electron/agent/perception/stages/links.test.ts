import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { Segment } from './frame.js';
import { dominantColour, markLinks } from './links.js';

const seg = (o: Partial<Segment>): Segment => ({ text: 'Read more', box: [0, 0, 40, 10], confidence: 0.9, bg: [252, 252, 252], ...o });

describe('link colour rules', () => {
  const page = white(100, 60);
  it('takes the page background to be its most common colour', () => {
    assert.deepEqual(dominantColour(page), [252, 252, 252]);
  });
  it('takes coloured text on the page for a link and grey text for body text', () => {
    const segs = [seg({ ink: 'h4' }), seg({ ink: 'n' })];
    markLinks(page, segs);
    assert.deepEqual(segs.map((s) => s.link), [true, false]);
  });
  it('takes coloured text on another background for a link only when the whole line has that colour', () => {
    const segs = [seg({ ink: 'h0', bg: [30, 60, 120] }), seg({ ink: 'h0', bg: [30, 60, 120], wholeLine: true })];
    markLinks(page, segs);
    assert.deepEqual(segs.map((s) => s.link), [false, true]);
  });
  it('takes a short menu item for a link whatever its colour, but not a long sentence', () => {
    const segs = [seg({ ink: 'n', menu: true }), seg({ ink: 'n', menu: true, text: 'this is a whole sentence and not a menu item at all' })];
    markLinks(page, segs);
    assert.deepEqual(segs.map((s) => s.link), [true, false]);
  });
  it('leaves text without a measured background alone', () => {
    const segs = [seg({ ink: 'h4', bg: undefined })];
    markLinks(page, segs);
    assert.equal(segs[0]!.link, undefined);
  });
});
