import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { ImageBox } from '../../../common/geometry.js';
import { newFrame } from './frame.js';
import { asciiForms, numberStage, readingOrder } from './number.js';

describe('reading order', () => {
  const it_ = (box: ImageBox, name: string) => ({ box, name });
  it('reads rows top to bottom and each row left to right', () => {
    const items = [it_([200, 52, 240, 66], 'b'), it_([10, 100, 40, 114], 'c'), it_([10, 50, 60, 64], 'a'), it_([300, 104, 330, 112], 'd')];
    assert.deepEqual(readingOrder(items).map((i) => i.name), ['a', 'b', 'c', 'd']);
  });
  it('keeps a slightly lower box in the same row but starts a new row for the next line', () => {
    const items = [it_([100, 13, 130, 27], 'right, 3 px lower'), it_([10, 10, 60, 24], 'left'), it_([10, 26, 60, 40], 'next line')];
    assert.deepEqual(readingOrder(items).map((i) => i.name), ['left', 'right, 3 px lower', 'next line']);
  });
});

describe('fullwidth forms', () => {
  it('reads fullwidth glyphs as ASCII in Latin text', () => {
    assert.equal(asciiForms('＊ ８'), '* 8');
  });
  it('leaves Chinese text with its fullwidth punctuation', () => {
    assert.equal(asciiForms('你好！'), '你好！');
  });
});

describe('stage "number"', () => {
  it('numbers the elements 0..n-1 in reading order, with ASCII text and confidence within 0..1', () => {
    const ctx = newFrame(white(4, 4), {});
    ctx.merged = [
      { kind: 'text', box: [10, 100, 60, 114], text: 'second', interactive: false, confidence: 0.7, source: 'ocr' },
      { kind: 'button', box: [10, 10, 60, 30], text: '＊', interactive: true, confidence: 1.2, source: 'ocr+widget' },
    ];
    numberStage().run(ctx);
    assert.deepEqual(ctx.elements, [
      { id: 0, kind: 'button', bbox: [10, 10, 60, 30], text: '*', interactive: true, confidence: 1, source: 'ocr+widget' },
      { id: 1, kind: 'text', bbox: [10, 100, 60, 114], text: 'second', interactive: false, confidence: 0.7, source: 'ocr' },
    ]);
  });
});
