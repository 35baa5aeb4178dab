import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import { cropKey, recCache } from './rec-cache.js';

const seg = (x0: number, y0: number) => ({ text: 'OK', box: [x0, y0, x0 + 10, y0 + 8] as [number, number, number, number], confidence: 0.9 });

describe('recognition cache', () => {
  it('answers the same pixels elsewhere on screen with boxes moved to where they are now', () => {
    const c = recCache(8);
    c.set('k', { x: 100, y: 50, w: 20, h: 10 }, [seg(102, 51)]);
    assert.deepEqual(c.get('k', { x: 10, y: 5, w: 20, h: 10 })?.map((g) => g.box), [[12, 6, 22, 14]]);
  });
  it('forgets the least recently used crop first', () => {
    const c = recCache(2);
    const r = { x: 0, y: 0, w: 20, h: 10 };
    c.set('a', r, [seg(0, 0)]);
    c.set('b', r, [seg(0, 0)]);
    c.get('a', r);
    c.set('c', r, [seg(0, 0)]);
    assert.deepEqual([c.get('a', r) !== undefined, c.get('b', r) !== undefined, c.get('c', r) !== undefined], [true, false, true]);
  });
  it('keys crops by their pixels and size', () => {
    const img = white(60, 20, [[2, 2, 8, 8]]);
    const a = cropKey(img, { x: 0, y: 0, w: 10, h: 10 });
    assert.equal(cropKey(img, { x: 40, y: 0, w: 10, h: 10 }) === a, false, 'different pixels');
    assert.equal(cropKey(white(60, 20, [[32, 2, 38, 8]]), { x: 30, y: 0, w: 10, h: 10 }), a, 'same pixels elsewhere');
  });
});
