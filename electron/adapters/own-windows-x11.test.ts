import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGeometryShell } from './own-windows-x11.js';

test('every window block of xdotool --shell output becomes a rectangle', () => {
  const out = 'WINDOW=123\nX=10\nY=-20\nWIDTH=800\nHEIGHT=600\nSCREEN=0\nWINDOW=456\nX=900\nY=0\nWIDTH=100\nHEIGHT=50\nSCREEN=0\n';
  assert.deepEqual(parseGeometryShell(out), [{ x: 10, y: -20, width: 800, height: 600 }, { x: 900, y: 0, width: 100, height: 50 }]);
  assert.deepEqual(parseGeometryShell(''), []);
});
