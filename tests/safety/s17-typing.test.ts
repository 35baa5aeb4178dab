/**
 * S17 typing fidelity: ASCII exact on US/DE/FR layouts, non-ASCII through the clipboard, the clipboard restored.
 * The live part runs tests/safety/s17-typing-run.ts (Xvfb + setxkbmap + Chromium) in a child process, as the S4/S16
 * checks do, so libnut's X connection ends with that process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseXmodmapKeysyms, planX11Typing } from '../../electron/adapters/input-nut.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Excerpts of `xmodmap -pke` on Xvfb after `setxkbmap us|de|fr`.
const US = 'keycode  10 = 1 exclam 1 exclam\nkeycode  24 = q Q q Q\nkeycode  34 = bracketleft braceleft bracketleft braceleft\nkeycode  49 = grave asciitilde grave asciitilde\nkeycode  65 = space NoSymbol space';
const DE = 'keycode  10 = 1 exclam 1 exclam onesuperior exclamdown onesuperior\nkeycode  24 = q Q q Q at Greek_OMEGA at\nkeycode  49 = dead_circumflex degree dead_circumflex degree U2032 U2033\nkeycode  65 = space NoSymbol space';
const FR = 'keycode  10 = ampersand 1 ampersand 1 onesuperior exclamdown onesuperior\nkeycode  24 = a A a A ae AE ae\nkeycode  65 = space NoSymbol space';

test('keysyms of levels 1-4 are read from xmodmap; dead keys are not the characters they compose', () => {
  const de = parseXmodmapKeysyms(DE);
  assert.ok(de.has('at') && de.has('exclam') && de.has('q'));
  assert.ok(!de.has('asciicircum'), 'German "^" is a dead key');
  assert.ok(!de.has('NoSymbol'));
  assert.ok(parseXmodmapKeysyms(FR).has('1'), 'French digits are on the shift level');
});

test('characters the layout has are typed as keys; the rest, and everything without a readable layout, is pasted', () => {
  assert.deepEqual(planX11Typing('q!1', parseXmodmapKeysyms(US)), [{ how: 'keys', text: 'q!1' }]);
  assert.deepEqual(planX11Typing('q@^ q', parseXmodmapKeysyms(DE)), [{ how: 'keys', text: 'q@' }, { how: 'paste', text: '^' }, { how: 'keys', text: ' q' }]);
  assert.deepEqual(planX11Typing('a é\n😀', parseXmodmapKeysyms(FR)), [{ how: 'keys', text: 'a ' }, { how: 'paste', text: 'é' }, { how: 'keys', text: '\n' }, { how: 'paste', text: '😀' }]);
  assert.deepEqual(planX11Typing('ab', undefined), [{ how: 'paste', text: 'ab' }]);
});

test('on Xvfb with US, DE and FR layouts: every case typed exactly into a Chromium textarea, the clipboard restored', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/safety/s17-typing-run.ts', 'us,de,fr', '1'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{"s17"'));
  assert.ok(line, `no result (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(line) as { cases: { layout: string; name: string; exact: boolean; clipboardRestored: boolean; got?: string; want?: string }[] };
  assert.equal(out.cases.length, 15);
  const wrong = out.cases.filter((c) => !c.exact).map((c) => `${c.layout}/${c.name}: got ${JSON.stringify(c.got)}`);
  assert.deepEqual(wrong, [], 'typed text differs from what was asked');
  const lost = out.cases.filter((c) => !c.clipboardRestored).map((c) => `${c.layout}/${c.name}`);
  assert.deepEqual(lost, [], 'the clipboard was not restored');
});
