import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element } from './elements.js';
import { layoutMarks } from './marks.js';
import { checkMarks, layoutPeopleMarks, MIN_DIGIT_PX } from './people-marks.js';

type Box = [number, number, number, number];
/** xcalc's default keypad: 42x28 keys 2 px apart, each label's glyphs ~22x9 px in the middle of its key. */
function keypad(cols = 5, rows = 8, first = 0): Element[] {
  const out: Element[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const b: Box = [105 + c * 44, 163 + r * 30, 147 + c * 44, 191 + r * 30];
      const ink: Box = [b[0] + 10, b[1] + 10, b[2] - 10, b[1] + 19];
      out.push({ id: out.length, mark: first + out.length, kind: 'button', bbox: b, ink, text: 'key', interactive: true, confidence: 1, source: 'test' });
    }
  }
  return out;
}
const W = 400;
const H = 450;

describe("the people's layout", () => {
  test('on a tight keypad at 1:1 every label covers no text, touches only its own key and has digits >= 9 px', () => {
    const els = keypad();
    const l = layoutPeopleMarks(els, W, H, 1);
    const r = checkMarks(l.marks, els, W, H, 1);
    assert.equal(r.share, 1, JSON.stringify(r.broken));
    assert.ok(l.marks.every((m) => m.digitH >= MIN_DIGIT_PX));
    const inner = l.marks.filter((m) => m.box[0] > 105 && m.box[1] > 163 && m.box[2] < 105 + 4 * 44 && m.box[3] < 163 + 7 * 30);
    assert.ok(inner.length > 0 && inner.every((m) => m.spot.startsWith('inside')), 'no room between keys: labels of inner keys go in their corners');
  });

  test("MAGMA's drawing of the same keypad breaks the rule for most labels (what the model sees is not for people)", () => {
    const els = keypad();
    const m = layoutMarks(els, W, H);
    const r = checkMarks(m.marks.map((x) => ({ box: x.box, label: x.label, digitH: m.font.digitH })), els, W, H, 1);
    assert.ok(r.share < 0.5, `share ${r.share}`);
    assert.ok(r.broken.coversText > 0 && r.broken.touchesOther > 0);
  });

  test("labels carry the person's number, and roomy boxes get roomy digits outside the box", () => {
    const els: Element[] = [{ id: 0, mark: 67, kind: 'button', bbox: [100, 100, 200, 140], ink: [130, 112, 170, 128], text: '=', interactive: true, confidence: 1, source: 't' }];
    const l = layoutPeopleMarks(els, W, H, 1);
    assert.equal(l.marks[0]!.number, 67);
    assert.equal(l.marks[0]!.id, 0);
    assert.equal(l.marks[0]!.spot, 'above-left');
    assert.ok(l.marks[0]!.digitH >= 12);
  });

  test('digits are at least 9 px in display px: an overlay shown at half size draws them >= 18 image px', () => {
    const els = keypad(2, 1);
    const l = layoutPeopleMarks(els, W, H, 0.5);
    assert.ok(l.marks.every((m) => m.digitH * 0.5 >= MIN_DIGIT_PX));
    assert.equal(checkMarks(l.marks, els, W, H, 0.5).broken.small, 0);
  });
});

describe('checkMarks: the rule, part by part', () => {
  const key = (x: number, mark: number): Element => ({ id: mark, mark, kind: 'button', bbox: [x, 100, x + 40, 130], ink: [x + 10, 110, x + 30, 120], text: 'k', interactive: true, confidence: 1, source: 't' });
  const els = [key(100, 0), key(150, 1)];
  const at = (x: number, y: number, w = 12, h = 10) => ({ x, y, w, h });
  test('a label on its own text covers text', () => {
    assert.equal(checkMarks([{ box: els[0]!.bbox, label: at(112, 108), digitH: 10 }], els.slice(0, 1), W, H).broken.coversText, 1);
  });
  test('a label in the gap between two keys touches the other key', () => {
    assert.equal(checkMarks([{ box: els[0]!.bbox, label: at(140, 112, 10, 10), digitH: 10 }], els, W, H).broken.touchesOther, 1);
  });
  test('a label away from its box is detached', () => {
    assert.equal(checkMarks([{ box: els[0]!.bbox, label: at(100, 50), digitH: 10 }], els.slice(0, 1), W, H).broken.detached, 1);
  });
  test('digits under 9 display px are too small; a clean corner label meets the rule', () => {
    assert.equal(checkMarks([{ box: els[0]!.bbox, label: at(101, 101, 12, 7), digitH: 7 }], els.slice(0, 1), W, H).broken.small, 1);
    assert.equal(checkMarks([{ box: els[0]!.bbox, label: at(101, 101, 9, 9), digitH: 9 }], els.slice(0, 1), W, H).share, 1);
  });
});
