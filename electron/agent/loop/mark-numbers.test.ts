import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element } from '../../common/elements.js';
import { MarkBook, sameElement, toPersonMarks } from './mark-numbers.js';

type Box = [number, number, number, number];
const el = (id: number, text: string, bbox: Box, kind: Element['kind'] = 'button'): Element => ({ id, kind, bbox, text, interactive: kind !== 'text', confidence: 0.9, source: 'test' });
/** Elements in box order, ids 0..n-1 as the perceiver gives them. */
const frame = (...xs: [string, Box, Element['kind']?][]): Element[] => xs.map(([t, b, k], i) => el(i, t, b, k));
const marksOf = (els: readonly Element[]) => Object.fromEntries(els.map((e) => [e.text, e.mark]));

describe('sameElement: one element on two frames', () => {
  test('a pressed key whose box shrank a little is the same key', () => {
    assert.ok(sameElement(el(0, '=', [281, 463, 323, 491]), el(0, '=', [284, 466, 320, 488])));
  });
  test('two different short labels on one spot are two elements, similar long ones one (OCR noise)', () => {
    assert.ok(!sameElement(el(0, '1', [0, 0, 40, 20]), el(0, '7', [0, 0, 40, 20])));
    assert.ok(sameElement(el(0, 'STO', [0, 0, 40, 20]), el(0, 'ST0', [0, 0, 40, 20])));
    assert.ok(!sameElement(el(0, '0', [0, 0, 40, 20], 'text'), el(0, '39', [0, 0, 40, 20], 'text')));
  });
  test('a key unread on one frame and read on the next is the same key when its box did not move', () => {
    assert.ok(sameElement(el(0, '', [281, 403, 323, 431]), el(0, '-', [281, 403, 323, 431])));
    assert.ok(!sameElement(el(0, '', [281, 403, 323, 431]), el(0, '-', [290, 410, 330, 440])));
  });
  test('another kind or a box moved away is another element', () => {
    assert.ok(!sameElement(el(0, 'OK', [0, 0, 40, 20], 'button'), el(0, 'OK', [0, 0, 40, 20], 'text')));
    assert.ok(!sameElement(el(0, 'OK', [0, 0, 40, 20]), el(0, 'OK', [30, 0, 70, 20])));
  });
});

describe('MarkBook: person numbers across the frames of one run', () => {
  test('the first frame is numbered like the model (0..n-1)', () => {
    const book = new MarkBook();
    const a = book.number(frame(['7', [10, 10, 30, 30]], ['8', [40, 10, 60, 30]]));
    assert.deepEqual(a.map((e) => [e.id, e.mark]), [[0, 0], [1, 1]]);
  });

  test('an element that appears before the others shifts the model ids, not the person numbers (issue: "=" #67 -> #68)', () => {
    const book = new MarkBook();
    const keys: [string, Box][] = [['7', [10, 40, 30, 60]], ['+/-', [40, 40, 60, 60]], ['=', [70, 40, 90, 60]]];
    const a = book.number(frame(...keys));
    const b = book.number(frame(['39', [60, 5, 90, 15], 'text'], ...keys));
    assert.deepEqual(b.map((e) => e.id), [0, 1, 2, 3], 'the model still gets 0..n-1 in box order');
    assert.deepEqual(marksOf(b), { ...marksOf(a), 39: 3 }, 'untouched keys keep their numbers; the new text gets the next one');
  });

  test('a gone element retires its number: never given again, even to an element on the same spot', () => {
    const book = new MarkBook();
    book.number(frame(['0', [60, 5, 90, 15], 'text'], ['=', [70, 40, 90, 60]]));
    const b = book.number(frame(['3', [60, 5, 90, 15], 'text'], ['=', [70, 40, 90, 60]]));
    const c = book.number(frame(['39', [60, 5, 90, 15], 'text'], ['=', [70, 40, 90, 60]]));
    const d = book.number(frame(['0', [60, 5, 90, 15], 'text'], ['=', [70, 40, 90, 60]]));
    assert.deepEqual([b, c, d].map((f) => f[0]!.mark), [2, 3, 4], 'each new reading of the display is a new number, the old ones retired');
    assert.deepEqual([b, c, d].map((f) => f[1]!.mark), [1, 1, 1], '"=" keeps #1 throughout');
    assert.ok(book.isRetired(0) && book.isRetired(2) && book.isRetired(3));
    assert.ok(!book.isRetired(1));
  });

  test('numbers are unique within a frame and never reused over many frames of changing screens', () => {
    const book = new MarkBook();
    const owner = new Map<number, string>();
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let f = 0; f < 40; f++) {
      const els: [string, Box][] = [];
      for (let k = 0; k < 12; k++) if (rand() < 0.7) els.push([String(k + 50 * Math.floor(rand() * 2)), [k * 30, 0, k * 30 + 25, 20]]);
      const out = book.number(frame(...els));
      const marks = out.map((e) => e.mark!);
      assert.equal(new Set(marks).size, marks.length, `frame ${f}: a number twice on one screen`);
      for (const e of out) {
        // One number, one identity: the same text on the same spot.
        const who = `${e.text}@${e.bbox[0]}`;
        assert.equal(owner.get(e.mark!) ?? who, who, `#${e.mark} was ${owner.get(e.mark!)}, now ${who}`);
        owner.set(e.mark!, who);
      }
    }
  });

  test('a retired number is refused naming what it was and the same label\'s number now', () => {
    const book = new MarkBook();
    book.number(frame(['=', [281, 463, 323, 491]]));
    const now = book.number(frame(['39', [296, 111, 314, 124], 'text'], ['=', [200, 463, 240, 491]]));
    const msg = book.explainMissing(0, now);
    assert.match(msg, /^#0 was the "=" button; it is no longer on screen, and its number is not given to anything else in this run\. On this screen "=" is #2/);
  });

  test('without the same label on screen, the refusal lists the marks nearest to where it was', () => {
    const book = new MarkBook();
    book.number(frame(['AC', [281, 163, 323, 191]], ['7', [10, 400, 30, 420]]));
    const now = book.number(frame(['7', [10, 400, 30, 420]], ['CE/C', [237, 163, 279, 191]]));
    assert.match(book.explainMissing(0, now), /^#0 was the "AC" button; .*Marks now near where it was: #2 "CE\/C", #1 "7"\. Use a number from the current screen$/);
  });

  test('a number never shown in this run says so and gives the range on screen', () => {
    const book = new MarkBook();
    const now = book.number(frame(['7', [10, 10, 30, 30]], ['8', [40, 10, 60, 30]]));
    assert.match(book.explainMissing(500, now), /^no mark #500 has been shown in this run; use a number from the current screen \(the marks on this screen are numbered #0 to #1/);
  });
});

describe("toPersonMarks: the model's numbers to the person's", () => {
  const els: Element[] = [{ ...el(0, '39', [0, 0, 10, 10], 'text'), mark: 7 }, { ...el(1, '=', [20, 0, 30, 10]), mark: 2 }];
  test('each mark target of an action becomes its element\'s person number', () => {
    assert.deepEqual(toPersonMarks({ kind: 'click', target: { mark: 1 } }, els), { ok: true, action: { kind: 'click', target: { mark: 2 } } });
    assert.deepEqual(toPersonMarks({ kind: 'drag', from: { mark: 0 }, to: { point: { space: 'image', x: 1, y: 2 } } }, els), {
      ok: true,
      action: { kind: 'drag', from: { mark: 7 }, to: { point: { space: 'image', x: 1, y: 2 } } },
    });
    assert.deepEqual(toPersonMarks({ kind: 'press', keys: ['enter'] }, els), { ok: true, action: { kind: 'press', keys: ['enter'] } });
  });
  test('a model mark not on the frame is an error, never passed on as a person number', () => {
    const r = toPersonMarks({ kind: 'click', target: { mark: 2 } }, els);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /named mark 2, which is not on this screen/);
  });
});
