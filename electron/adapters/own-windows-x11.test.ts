import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchingRects } from './own-windows-x11.js';

test("only the windows whose title matches become rectangles (the app's own windows)", () => {
  const windows = [
    { title: 'Magma Desk', x: 10, y: -20, width: 800, height: 600 },
    { title: 'xcalc', x: 0, y: 0, width: 200, height: 300 },
    { title: 'Magma Desk — marks', x: 900, y: 0, width: 100, height: 50 },
    { title: 'Not Magma Desk', x: 1, y: 1, width: 1, height: 1 },
  ];
  assert.deepEqual(matchingRects(windows, /^Magma Desk/), [{ x: 10, y: -20, width: 800, height: 600 }, { x: 900, y: 0, width: 100, height: 50 }]);
  assert.deepEqual(matchingRects([], /^Magma Desk/), []);
});
