import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nativeDir, x11, x11InputProblem } from './native-addon.js';
import { displaysFromMonitors } from './displays-x11.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

test('native/ is found from the sources and from the bundle folder; elsewhere the error says to reinstall', () => {
  assert.equal(nativeDir(join(repo, 'electron', 'adapters')), join(repo, 'native'));
  assert.equal(nativeDir(join(repo, 'dist', 'electron', 'main')), join(repo, 'native'));
  assert.throws(() => nativeDir(mkdtempSync(join(tmpdir(), 'md-nonative-'))), /the native folder\) is missing .*reinstall Magma Desk/);
});

test('without $DISPLAY the X11 part says what to do instead of connecting', () => {
  assert.throws(() => x11({}), /no X display \(\$DISPLAY is not set\): start Xvfb or run inside a desktop session/);
});

test('an X server without XTest is a problem for input, in plain words', () => {
  assert.match(x11InputProblem({ xtest: false, xkb: true, randr: true, xwayland: false })!, /no XTest extension/);
  assert.equal(x11InputProblem({ xtest: true, xkb: true, randr: true, xwayland: false }), undefined);
});

test('XRandR monitors become displays with X pixels as screen pixels (scale 1); the first is primary when none is', () => {
  const m = (name: string, x: number, primary = false) => ({ name, x, y: 0, width: 1280, height: 800, widthMm: 338, heightMm: 211, primary });
  assert.deepEqual(displaysFromMonitors([m('LEFT', 0), m('RIGHT', 1280)]).map((d) => [d.id, d.bounds.x, d.scaleFactor, d.primary]), [['LEFT', 0, 1, true], ['RIGHT', 1280, 1, false]]);
  assert.deepEqual(displaysFromMonitors([m('LEFT', 0), m('RIGHT', 1280, true)]).map((d) => d.primary), [false, true]);
  assert.deepEqual(displaysFromMonitors([]), []);
});
