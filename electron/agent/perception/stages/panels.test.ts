import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import { findPanels } from './panels.js';

describe('background panels', () => {
  it('finds a grey sidebar on a white page as one panel, text lines in it included', () => {
    const img = white(320, 240);
    for (let y = 16; y < 240; y++) for (let x = 16; x < 96; x++) img.data.set([238, 238, 238, 255], (y * 320 + x) * 4);
    // Dark "text" lines across the sidebar every 16 px.
    for (let y = 24; y < 240; y += 16) for (let yy = y; yy < y + 5; yy++) for (let x = 24; x < 80; x++) img.data.set([60, 60, 60, 255], (yy * 320 + x) * 4);
    const p = findPanels(img);
    assert.deepEqual(p.at(30, 100), [16, 16, 96, 240]);
    assert.deepEqual(p.at(200, 100), [0, 0, 320, 240]);
    assert.equal(p.at(400, 10), undefined);
  });
});
