/**
 * S17 typing fidelity through the platform addon: key events first (the layout's keys with their Shift/AltGr level,
 * other characters on spare keycodes), the clipboard only as the last resort. The live part runs
 * tests/safety/s17-typing-run.ts (Xvfb + setxkbmap + xedit + Chromium) in a child process, as the S4/S16 checks do,
 * so the X connections end with that process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { x11KeysymName } from '../../electron/adapters/input-x11.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('key names of actions become X keysym names; an unknown name is an error', () => {
  assert.deepEqual(['ctrl', 'enter', 'pagedown', 'f5', 'a', '7', '['].map((k) => x11KeysymName(k)), ['Control_L', 'Return', 'Next', 'F5', 'a', '7', 'bracketleft']);
  assert.throws(() => x11KeysymName('hyper'), /no key named "hyper"/);
});

test('on Xvfb without xdotool, xmodmap, xrandr, xclip or xsel: xedit gets "héllo Wörld ß 42!", US/DE/FR cases are exact in Chromium, a switch to German is seen at once, and the clipboard is never used', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/safety/s17-typing-run.ts', 'us,de,fr', '1'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{"s17"'));
  assert.ok(line, `no result (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(line) as {
    toolsAbsent: boolean; clipboardWrites: number;
    xedit: { exact: boolean; got: string }; layoutSwitch: { exact: boolean; got: string };
    cases: { layout: string; name: string; exact: boolean; clipboardRestored: boolean; got?: string }[];
  };
  assert.ok(out.toolsAbsent, 'the X tools were still on the PATH');
  assert.equal(out.xedit.got, 'héllo Wörld ß 42!', 'xedit (Xaw, US layout) lost characters');
  assert.equal(out.layoutSwitch.got, 'zy@zy@ß', 'the switch to German was not seen by the next type()');
  assert.equal(out.cases.length, 18);
  const wrong = out.cases.filter((c) => !c.exact).map((c) => `${c.layout}/${c.name}: got ${JSON.stringify(c.got)}`);
  assert.deepEqual(wrong, [], 'typed text differs from what was asked');
  assert.equal(out.clipboardWrites, 0, 'characters went through the clipboard instead of key events');
  const lost = out.cases.filter((c) => !c.clipboardRestored).map((c) => `${c.layout}/${c.name}`);
  assert.deepEqual(lost, [], 'the clipboard was changed');
});
