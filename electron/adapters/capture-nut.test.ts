import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bgraToRgba } from './capture-nut.js';

test('BGRA pixels from libnut become RGBA with opaque alpha', () => {
  const bgra = new Uint8Array([0x56, 0x34, 0x12, 0x00, 1, 2, 3, 4]);
  assert.deepEqual([...bgraToRgba(bgra, 2, 1, 8, 4)], [0x12, 0x34, 0x56, 255, 3, 2, 1, 255]);
});

test('padded BGR rows (3 channels, stride > width*3) convert pixel by pixel', () => {
  const bgr = new Uint8Array([10, 20, 30, 40, 50, 60, 0, 0, 7, 8, 9, 1, 2, 3, 0, 0]);
  assert.deepEqual([...bgraToRgba(bgr, 2, 2, 8, 3)], [30, 20, 10, 255, 60, 50, 40, 255, 9, 8, 7, 255, 3, 2, 1, 255]);
});
