import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element } from '../../electron/common/elements.js';
import { findInside, joinLinkFragments, scoreTreeCase, type TreeCase } from './a11y-eval.js';
import type { Box } from './scoring.js';

const display = { id: 't', name: 't', bounds: { x: 0, y: 0, width: 100, height: 100 }, scaleFactor: 1, primary: true };
const image = { width: 100, height: 100, data: new Uint8Array(100 * 100 * 4) };
const el = (id: number, bbox: Box, text: string, interactive = true): Element => ({ id, kind: 'button', bbox, text, interactive, confidence: 1, source: 'vision' });

describe('the accessibility fusion eval scoring', () => {
  const c: TreeCase = {
    name: 't', set: 'gtk-live', image, display,
    gt: [
      { box: [0, 0, 20, 10], name: 'OK', role: 'gtk button' },
      { box: [30, 0, 50, 10], name: 'checkbutton', role: 'gtk check box' },
      { box: [30, 20, 50, 30], name: 'checkbutton', role: 'gtk check box' },
      { box: [60, 0, 80, 10], name: 'Andrea', role: 'gtk button' },
    ],
    ignore: [[0, 40, 20, 50]],
    textsShown: ['Andrea'],
  };

  it('leaves a find on a greyed-out control out of precision, and counts a find elsewhere as false', () => {
    const s = scoreTreeCase(c, 'vision', [el(0, [0, 0, 20, 10], 'OK'), el(1, [0, 40, 20, 50], 'MR'), el(2, [0, 70, 20, 80], 'stray')], 1);
    assert.equal(s.gt, 4);
    assert.equal(s.matched, 1);
    assert.equal(s.predicted, 2, 'the greyed-out MR is neither a hit nor a false find; the stray one is false');
  });

  it('grounds only names shown once on the frame, and still counts the others for recall', () => {
    const s = scoreTreeCase(c, 'fused', [el(0, [0, 0, 20, 10], 'OK'), el(1, [30, 0, 50, 10], 'checkbutton'), el(2, [30, 20, 50, 30], 'checkbutton'), el(3, [60, 0, 80, 10], 'Andrea')], 1);
    assert.equal(s.named, 1, 'checkbutton is shown twice and Andrea also as text: only OK is asked for');
    assert.equal(s.grounded, 1);
    assert.equal(s.matched, 4);
    assert.equal(s.mode, 'fused');
    assert.equal(s.set, 'gtk-live');
  });

  it('joins the touching fragments of one link on one line, not fragments on two lines or two links apart', () => {
    const a = (box: Box, name = '') => ({ box, name, role: 'a' });
    assert.deepEqual(joinLinkFragments([a([56, 171, 86, 186]), a([86, 171, 103, 186]), a([56, 188, 86, 203]), a([90, 188, 111, 203]), a([0, 0, 9, 9], 'x'), a([9, 0, 20, 9], 'y')]), [
      a([56, 171, 103, 186]), a([56, 188, 86, 203]), a([90, 188, 111, 203]), a([0, 0, 9, 9], 'x'), a([9, 0, 20, 9], 'y'),
    ]);
  });

  it('finds where a viewport lies on the screen, and refuses a picture found nowhere', () => {
    const outer = { width: 60, height: 50, data: new Uint8Array(60 * 50 * 4) };
    let seed = 2463534242;
    for (let i = 0; i < outer.data.length; i++) {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      outer.data[i] = seed & 255;
    }
    const inner = { width: 50, height: 40, data: new Uint8Array(50 * 40 * 4) };
    for (let y = 0; y < 40; y++) inner.data.set(outer.data.subarray(((y + 7) * 60 + 3) * 4, ((y + 7) * 60 + 53) * 4), y * 50 * 4);
    assert.deepEqual(findInside(outer, inner), { x: 3, y: 7 });
    assert.equal(findInside(outer, { ...inner, data: inner.data.map((v) => 255 - v) }), undefined);
  });
});
